using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Backprop.Generator.Diagnostics;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.Generator.Parsing;

/// <summary>
/// Turns a class marked <c>[Network(...)]</c> into a <see cref="NetworkModel"/>, or into the diagnostics that
/// say why it cannot be one. Reads symbols and syntax; writes no code.
/// </summary>
internal static partial class NetworkParser
{
    /// <summary>
    /// The attribute's full name in Backprop.Abstractions. Its namespace is the one fact about the attribute not
    /// taken from the linked source (which the generator compiles into its own namespace): AttributeNameTests checks it.
    /// </summary>
    public const string AttributeMetadataName = "Backprop." + nameof(NetworkAttribute);

    /// <summary>The syntax the attribute may sit on: a class, or a record class (which is reported).</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) =>
        node is ClassDeclarationSyntax
        || (node is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword));

    public static NetworkDeclaration Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type
            || context.TargetNode is not TypeDeclarationSyntax declaration
            || context.Attributes.IsEmpty)
        {
            return NetworkDeclaration.Nothing;
        }

        try
        {
            return Parse(type, declaration, context.SemanticModel.Compilation, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A bug here must not cost the user every other network: say what failed, on the class.
            LocationInfo? name = LocationInfo.From(declaration.Identifier);
            DiagnosticInfo diagnostic = DiagnosticInfo.Create(
                DiagnosticDescriptors.InternalError,
                name,
                type.Name,
                exception.GetType().Name + ": " + exception.Message);
            return new NetworkDeclaration(null, null, ImmutableArray.Create(diagnostic).ToEquatableArray(), null, name);
        }
    }

    private static NetworkDeclaration Parse(INamedTypeSymbol type, TypeDeclarationSyntax declaration, Compilation compilation, CancellationToken cancellationToken)
    {
        // A class declared in several parts may carry the attribute more than once (the compiler reports
        // CS0579). Only the part that holds the class's first [Network] is read, so that one class never
        // yields two generated files. (Roslyn 4.3 to 4.11 hand every part of a file all of the file's
        // matching attributes, so the context's own list cannot tell the parts apart.)
        AttributeData? attribute = FirstNetworkAttribute(type);
        if (attribute?.ApplicationSyntaxReference is not { } reference
            || reference.SyntaxTree != declaration.SyntaxTree
            || !declaration.AttributeLists.Any(list => list.Span.Contains(reference.Span)))
        {
            return NetworkDeclaration.Nothing;
        }

        var attributeSyntax = reference.GetSyntax(cancellationToken) as AttributeSyntax;
        LocationInfo? attributeLocation = attributeSyntax is null ? LocationInfo.From(declaration.Identifier) : LocationInfo.From(attributeSyntax);

        // Arguments the compiler cannot bind are its errors to report; there is nothing to generate from.
        if (!TryReadArguments(attribute, out NetworkArguments arguments))
        {
            return NetworkDeclaration.Nothing;
        }

        var diagnostics = new List<DiagnosticInfo>();
        Construction construction = ConstructionOf(type, compilation, diagnostics, cancellationToken);
        CheckDeclaration(type, declaration, construction, diagnostics, cancellationToken);
        bool classTakesMembers = !diagnostics.Any(IsError);
        CheckArguments(arguments, attributeSyntax, attributeLocation, diagnostics);

        // The members of the network, or of its stand-in, must not collide with the class's own: checked whenever
        // the class can take members at all, whatever the arguments.
        int errorsBeforeMembers = diagnostics.Count(IsError);
        if (classTakesMembers)
        {
            CheckMembers(type, declaration, arguments, construction, diagnostics, cancellationToken);
        }

        NetworkModel? model = null;
        NetworkStandIn? standIn = null;
        TypeNames names = NamesOf(type, declaration);
        if (!diagnostics.Any(IsError))
        {
            model = CreateModel(names, arguments, construction);
        }
        else if (classTakesMembers && diagnostics.Count(IsError) == errorsBeforeMembers)
        {
            // Only the arguments are wrong: a stand-in keeps the class's uses compiling.
            standIn = new NetworkStandIn(
                names.Namespace,
                names.ContainingTypes,
                names.ClassName,
                names.HintName,
                arguments.LayerSizes.ToEquatableArray(),
                arguments.Precision,
                construction,
                diagnostics.Where(IsError).Select(d => d.Descriptor.Id).Distinct().ToEquatableArray(),
                HasDropout: !arguments.Dropout.IsDefault);
        }

        return new NetworkDeclaration(
            model,
            standIn,
            diagnostics.ToEquatableArray(),
            attributeLocation,
            LocationInfo.From(declaration.Identifier),
            WeightsRequestOf(arguments, attributeSyntax, attributeLocation));
    }

    /// <summary>The file <c>Weights = "…"</c> names, with the argument's location; null when it is not set.</summary>
    private static WeightsRequest? WeightsRequestOf(NetworkArguments arguments, AttributeSyntax? attributeSyntax, LocationInfo? attributeLocation)
    {
        if (arguments.Weights is null)
        {
            return null;
        }

        AttributeArgumentSyntax? argument = attributeSyntax?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == WeightsName);
        return new WeightsRequest(arguments.Weights, argument is null ? attributeLocation : LocationInfo.From(argument));
    }

    private static bool IsError(DiagnosticInfo diagnostic) => diagnostic.Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    private static AttributeData? FirstNetworkAttribute(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => IsNetworkAttribute(a.AttributeClass));

    private static bool IsNetworkAttribute(INamedTypeSymbol? attributeClass) =>
        attributeClass is { Name: "NetworkAttribute", ContainingNamespace: { Name: "Backprop", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>How the generated file names the class and where it puts it.</summary>
    private sealed record TypeNames(string? Namespace, EquatableArray<ContainingType> ContainingTypes, string ClassName, string HintName);

    private static TypeNames NamesOf(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
    {
        string? ns = type.ContainingNamespace.IsGlobalNamespace
            ? null
            : string.Join(".", NamespaceParts(type.ContainingNamespace).Select(Identifiers.Escape));

        var containingTypes = declaration.Ancestors()
            .OfType<TypeDeclarationSyntax>()
            .Reverse()
            .Select(t => new ContainingType(TypeKeyword(t), Identifiers.Escape(t.Identifier.ValueText)))
            .ToEquatableArray();

        return new TypeNames(ns, containingTypes, Identifiers.Escape(type.Name), HintName(type));
    }

    private static NetworkModel CreateModel(TypeNames names, NetworkArguments arguments, Construction construction)
    {
        double[] dropout = DropoutRatesOf(arguments);
        var activations = new Activation[arguments.LayerSizes.Length - 1];
        for (int i = 0; i < activations.Length; i++)
        {
            activations[i] = i == activations.Length - 1 ? arguments.OutputActivation
                : arguments.HiddenActivations.IsDefault ? arguments.HiddenActivation
                : arguments.HiddenActivations[i];
        }

        return new NetworkModel(
            names.Namespace,
            names.ContainingTypes,
            names.ClassName,
            names.HintName,
            arguments.LayerSizes.ToEquatableArray(),
            activations.ToEquatableArray(),
            arguments.Precision,
            arguments.Loss,
            arguments.CodeShape,
            ShapePlanner.Choose(arguments.LayerSizes, arguments.CodeShape, arguments.KeepsOutputSums, dropout).ToEquatableArray(),
            construction,
            Dropout: dropout.ToEquatableArray());
    }

    private static IEnumerable<string> NamespaceParts(INamespaceSymbol ns)
    {
        var parts = new Stack<string>();
        for (INamespaceSymbol? current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            parts.Push(current.Name);
        }

        return parts;
    }

    /// <summary>
    /// "Namespace.Outer+Inner.g.cs": <c>+</c> between nested types, as in metadata names, so that a nested
    /// class and a namespace of the same dotted name never share a file name.
    /// </summary>
    private static string HintName(INamedTypeSymbol type)
    {
        var nested = new Stack<string>();
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            nested.Push(current.Name);
        }

        string typePath = string.Join("+", nested);
        return type.ContainingNamespace.IsGlobalNamespace
            ? typePath + ".g.cs"
            : string.Join(".", NamespaceParts(type.ContainingNamespace)) + "." + typePath + ".g.cs";
    }

    private static string TypeKeyword(TypeDeclarationSyntax declaration) => declaration switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        _ => declaration.Keyword.ValueText,
    };
}
