using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Backprop.Generator.Diagnostics;
using Backprop.Generator.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.Generator.Parsing;

internal static partial class NetworkParser
{
    /// <summary>
    /// Checks the user's own members, the class name and inherited members against what the generator
    /// will declare, and warns about constructors that would leave the network at zero.
    /// </summary>
    private static void CheckMembers(
        INamedTypeSymbol type,
        TypeDeclarationSyntax declaration,
        NetworkArguments arguments,
        Construction construction,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        var generated = GeneratedMembers.For(arguments.LayerSizes.Length, arguments.Precision, construction, dropout: !arguments.Dropout.IsDefault)
            .ToLookup(member => member.Name);

        if (generated.Contains(type.Name))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ClassNameCollision,
                LocationInfo.From(declaration.Identifier),
                type.Name));
        }

        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? collision = member.IsImplicitlyDeclared ? null
                : ExplicitlyImplementedByGenerator(member) is { } implemented ? "INeuralNetwork." + implemented
                : Collides(member, generated[member.Name]) ? Describe(member)
                : null;
            if (collision is null)
            {
                continue;
            }

            Location? where = member.Locations.FirstOrDefault(l => l.IsInSource);
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.MemberCollision,
                where is null ? LocationInfo.From(declaration.Identifier) : LocationInfo.From(where),
                type.Name,
                collision));
        }

        for (INamedTypeSymbol? baseType = type.BaseType; baseType is { SpecialType: not SpecialType.System_Object }; baseType = baseType.BaseType)
        {
            foreach (ISymbol member in baseType.GetMembers())
            {
                if (member.DeclaredAccessibility != Accessibility.Private
                    && !member.IsImplicitlyDeclared
                    && member is not IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor }
                    && Collides(member, generated[member.Name]))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.InheritedMemberCollision,
                        LocationInfo.From(declaration.Identifier),
                        baseType.ToDisplayString(),
                        Describe(member),
                        type.Name));
                }
            }
        }

        CheckConstructorsChain(type, diagnostics, cancellationToken);
    }

    /// <summary>
    /// A user member collides when it shares a name with a generated one, except for a method that
    /// differs in its parameter types, in a parameter's ref-ness (<c>in</c>, <c>ref</c>, <c>out</c>) or in
    /// its type parameters: that is a legal overload.
    /// </summary>
    private static bool Collides(ISymbol member, IEnumerable<GeneratedMember> sameName)
    {
        foreach (GeneratedMember generated in sameName)
        {
            if (member is not IMethodSymbol method || !generated.IsMethod)
            {
                return true;
            }

            if (method.TypeParameters.Length == 0
                && method.Parameters.All(p => p.RefKind == RefKind.None)
                && method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                    .SequenceEqual(generated.ParameterTypes!))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The name of the <c>INeuralNetwork</c> property that <paramref name="member"/> implements explicitly, when the
    /// generator implements it explicitly too (CS0102 in the generated file); otherwise null.
    /// </summary>
    private static string? ExplicitlyImplementedByGenerator(ISymbol member)
    {
        ImmutableArray<IPropertySymbol> implemented = member is IPropertySymbol property ? property.ExplicitInterfaceImplementations : default;
        if (implemented.IsDefaultOrEmpty)
        {
            return null;
        }

        foreach (IPropertySymbol target in implemented)
        {
            if (target.ContainingType is { Name: "INeuralNetwork", Arity: 0, ContainingNamespace: { Name: "Backprop", ContainingNamespace.IsGlobalNamespace: true } }
                && GeneratedMembers.ExplicitInterfaceProperties.Any(property => property.Name == target.Name))
            {
                return target.Name;
            }
        }

        return null;
    }

    private static string Describe(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor =>
            constructor.ContainingType.Name + "(" + string.Join(", ", constructor.Parameters.Select(p => p.Type.ToDisplayString())) + ")",
        IMethodSymbol method => method.Name + "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString())) + ")",
        _ => member.Name,
    };

    /// <summary>
    /// Warns about a constructor of the user's that neither chains to this(…) nor calls
    /// InitializeParameters: its network would start with every parameter at zero.
    /// </summary>
    private static void CheckConstructorsChain(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            // Tiny() and Tiny(int) are the generated constructors themselves: reported as collisions.
            if (constructor.IsImplicitlyDeclared
                || constructor.Parameters.Length == 0
                || (constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int32))
            {
                continue;
            }

            foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax syntax
                    || syntax.Initializer?.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword) == true
                    || CallsInitializeParameters(syntax))
                {
                    continue;
                }

                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ConstructorDoesNotChain,
                    LocationInfo.From(syntax.Identifier),
                    Describe(constructor)));
            }
        }
    }

    private static bool CallsInitializeParameters(ConstructorDeclarationSyntax constructor) =>
        constructor.DescendantNodes()
            .OfType<InvocationExpressionSyntax>()
            .Any(call => call.Expression switch
            {
                IdentifierNameSyntax name => name.Identifier.ValueText == GeneratedMembers.InitializeParameters,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access =>
                    access.Name.Identifier.ValueText == GeneratedMembers.InitializeParameters,
                _ => false,
            });
}
