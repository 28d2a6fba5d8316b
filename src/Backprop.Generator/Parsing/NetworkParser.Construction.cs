using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Backprop.Generator.Diagnostics;
using Backprop.Generator.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.Generator.Parsing;

internal static partial class NetworkParser
{
    /// <summary>
    /// Whether the generator writes the constructors, or the class has a primary constructor (C# 12), which every
    /// other constructor must call, so that the parameters are drawn in a field initializer it runs: from its
    /// <c>int seed</c> parameter if it has one, else from seed 0. A seed the class's members also read cannot be
    /// read by an initializer as well (CS9124): BP0037 says so, and seed 0 is used.
    /// </summary>
    private static Construction ConstructionOf(INamedTypeSymbol type, Compilation compilation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        // Primary constructors are newer than the Roslyn this generator builds against: a constructor declared by
        // the type declaration itself, rather than by a constructor declaration, is the primary one.
        IMethodSymbol? primary = type.InstanceConstructors.FirstOrDefault(constructor =>
            !constructor.IsImplicitlyDeclared
            && constructor.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax));
        if (primary is null)
        {
            return Construction.GeneratedConstructors;
        }

        IParameterSymbol? seed = primary.Parameters.FirstOrDefault(p =>
            p.Name == GeneratedMembers.SeedParameter && p.Type.SpecialType == SpecialType.System_Int32 && p.RefKind == RefKind.None);
        if (seed is null)
        {
            return Construction.PrimaryConstructor;
        }

        if (IsReadByMembers(type, seed, compilation, cancellationToken) is { } use)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PrimaryConstructorSeedCaptured, LocationInfo.From(use), type.Name));
            return Construction.PrimaryConstructor;
        }

        return Construction.PrimaryConstructorSeed;
    }

    /// <summary>
    /// A use of the primary constructor's parameter outside what the constructor itself runs (field and property
    /// initializers, the arguments to the base class): such a use captures it in the object. Null when there is none.
    /// </summary>
    private static SyntaxNode? IsReadByMembers(INamedTypeSymbol type, IParameterSymbol parameter, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax part)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (MemberDeclarationSyntax member in part.Members)
            {
                if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or FieldDeclarationSyntax or EventFieldDeclarationSyntax)
                {
                    continue;
                }

                foreach (IdentifierNameSyntax name in member.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    // Not a read: a property's initializer (which the constructor runs), the name of a named argument
                    // (this(seed: 1)), nameof(seed).
                    if (name.Identifier.ValueText != parameter.Name
                        || (member is PropertyDeclarationSyntax property && property.Initializer is { } initializer && initializer.Span.Contains(name.Span))
                        || name.Parent is NameColonSyntax
                        || name.Ancestors().OfType<InvocationExpressionSyntax>().Any(call => call.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" }))
                    {
                        continue;
                    }

                    model ??= compilation.GetSemanticModel(part.SyntaxTree);
                    if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, parameter))
                    {
                        return name;
                    }
                }
            }
        }

        return null;
    }
}
