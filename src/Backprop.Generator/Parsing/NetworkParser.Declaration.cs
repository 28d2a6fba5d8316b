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

            // 'file' is a contextual keyword newer than the Roslyn this generator builds against: compare its text.
            SyntaxToken fileKeyword = part.Modifiers.FirstOrDefault(m => m.ValueText == "file");
            if (fileKeyword.ValueText == "file")
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalClass, LocationInfo.From(fileKeyword), type.Name));
            }

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

        CheckBaseClass(type, declaration, diagnostics);
    }

    private static void CheckBaseClass(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
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

        if (!baseType.InstanceConstructors.Any(IsCallableWithoutArguments))
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
