using System.Collections.Generic;
using System.Linq;
using Backprop.Generator.Diagnostics;
using Backprop.Generator.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.Generator.Parsing;

internal static partial class NetworkParser
{
    /// <summary>Checks that the class (and every type around it) can be extended by a generated partial declaration.</summary>
    private static void CheckDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
    {
        LocationInfo? name = LocationInfo.From(declaration.Identifier);

        if (declaration is RecordDeclarationSyntax)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecordClass, name, type.Name));
        }

        SyntaxToken staticKeyword = declaration.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.StaticKeyword));
        if (staticKeyword.IsKind(SyntaxKind.StaticKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticClass, LocationInfo.From(staticKeyword), type.Name));
        }

        // 'file' is a contextual keyword newer than the Roslyn this generator builds against: compare its text.
        SyntaxToken fileKeyword = declaration.Modifiers.FirstOrDefault(m => m.ValueText == "file");
        if (fileKeyword.ValueText == "file")
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalClass, LocationInfo.From(fileKeyword), type.Name));
        }

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, name, type.Name));
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

        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType
            && baseType.TypeKind == TypeKind.Class
            && !baseType.InstanceConstructors.Any(IsCallableWithoutArguments))
        {
            LocationInfo? where = declaration.BaseList?.Types.FirstOrDefault() is { } first ? LocationInfo.From(first) : name;
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
