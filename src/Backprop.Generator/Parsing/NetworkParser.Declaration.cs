using System.Collections.Generic;
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
    /// Checks that the class (and every type around it) can be extended by a generated partial
    /// declaration. Modifiers are checked on every part of the class: 'static' or a missing 'partial'
    /// on any part breaks the generated one.
    /// </summary>
    private static void CheckDeclaration(
        INamedTypeSymbol type,
        TypeDeclarationSyntax declaration,
        Construction construction,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        LocationInfo? name = LocationInfo.From(declaration.Identifier);
        var parts = type.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .ToList();

        if (declaration is RecordDeclarationSyntax)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecordClass, name, type.Name));
        }

        foreach (TypeDeclarationSyntax part in parts)
        {
            SyntaxToken staticKeyword = part.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.StaticKeyword));
            if (staticKeyword.IsKind(SyntaxKind.StaticKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticClass, LocationInfo.From(staticKeyword), type.Name));
            }

            CheckNotFileLocal(part, type.Name, diagnostics);

            if (!part.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, LocationInfo.From(part.Identifier), type.Name));
            }
        }

        if (declaration.TypeParameterList is { } typeParameters)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericClass, LocationInfo.From(typeParameters), type.Name));
        }

        foreach (TypeDeclarationSyntax container in declaration.Ancestors().OfType<TypeDeclarationSyntax>())
        {
            string containerName = container.Identifier.ValueText;
            CheckNotFileLocal(container, type.Name, diagnostics);
            if (!container.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContainingTypeNotPartial,
                    LocationInfo.From(container.Identifier),
                    containerName,
                    type.Name));
            }

            if (container.TypeParameterList is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContainingTypeGeneric,
                    LocationInfo.From(container.Identifier),
                    type.Name,
                    containerName));
            }
        }

        CheckTypeAttributes(type, diagnostics, cancellationToken);
        CheckBaseClass(type, declaration, construction, diagnostics);
    }

    /// <summary>Type-level attributes that forbid what the generated members are made of.</summary>
    private static void CheckTypeAttributes(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            DiagnosticDescriptor? descriptor = attribute.AttributeClass is not { ContainingNamespace: { Name: "InteropServices", ContainingNamespace: { Name: "Runtime", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } interop
                ? null
                : interop.Name == "ComImportAttribute" ? DiagnosticDescriptors.ComImportClass
                : interop.Name == "StructLayoutAttribute" && IsExplicitLayout(attribute) ? DiagnosticDescriptors.ExplicitLayoutClass
                : null;
            if (descriptor is not null && attribute.ApplicationSyntaxReference is { } written)
            {
                diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.From(written.GetSyntax(cancellationToken)), type.Name));
            }
        }
    }

    /// <summary>[StructLayout(LayoutKind.Explicit)], whose constructor takes the kind as the enum or as a short.</summary>
    private static bool IsExplicitLayout(AttributeData structLayout)
    {
        const int Explicit = 2; // System.Runtime.InteropServices.LayoutKind.Explicit
        return structLayout.ConstructorArguments.Length == 1
            && structLayout.ConstructorArguments[0].Value is { } kind
            && System.Convert.ToInt32(kind, System.Globalization.CultureInfo.InvariantCulture) == Explicit;
    }

    /// <summary>
    /// A 'file' type, or one inside a 'file' type, can only be extended from its own file: the generated
    /// partial declaration would declare a second, unrelated type instead.
    /// </summary>
    private static void CheckNotFileLocal(TypeDeclarationSyntax declaration, string className, List<DiagnosticInfo> diagnostics)
    {
        // 'file' is a contextual keyword newer than the Roslyn this generator builds against: compare its text.
        SyntaxToken fileKeyword = declaration.Modifiers.FirstOrDefault(m => m.ValueText == "file");
        if (fileKeyword.ValueText == "file")
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.FileLocalClass,
                LocationInfo.From(fileKeyword),
                declaration.Identifier.ValueText,
                className));
        }
    }

    private static void CheckBaseClass(INamedTypeSymbol type, TypeDeclarationSyntax declaration, Construction construction, List<DiagnosticInfo> diagnostics)
    {
        if (type.BaseType is not { SpecialType: not SpecialType.System_Object, TypeKind: TypeKind.Class } baseType)
        {
            return;
        }

        LocationInfo? where = declaration.BaseList?.Types.FirstOrDefault() is { } first
            ? LocationInfo.From(first)
            : LocationInfo.From(declaration.Identifier);

        // The base network's members are generated in the same run, so they cannot be checked for
        // collisions here; and every one of them would be hidden.
        for (INamedTypeSymbol? ancestor = baseType; ancestor is not null; ancestor = ancestor.BaseType)
        {
            if (FirstNetworkAttribute(ancestor) is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.BaseIsNetwork,
                    where,
                    type.Name,
                    ancestor.ToDisplayString()));
                return;
            }
        }

        // A primary constructor passes the base its own arguments; only generated constructors need a parameterless one.
        if (construction == Construction.GeneratedConstructors && !baseType.InstanceConstructors.Any(IsCallableWithoutArguments))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.BaseWithoutParameterlessConstructor,
                where,
                baseType.ToDisplayString(),
                type.Name));
        }
    }

    private static bool IsCallableWithoutArguments(IMethodSymbol constructor) =>
        constructor.DeclaredAccessibility != Accessibility.Private
        && constructor.Parameters.All(p => p.IsOptional || p.IsParams);
}
