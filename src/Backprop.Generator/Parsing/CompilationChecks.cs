using System.Collections.Immutable;
using System.Linq;
using Backprop.Generator.Diagnostics;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Backprop.Generator.Parsing;

/// <summary>What the whole compilation must offer before any network can be emitted into it.</summary>
internal static class CompilationChecks
{
    public static CompilationFacts ReadFacts(Compilation compilation) => new(
        compilation is CSharpCompilation csharp ? (int)csharp.LanguageVersion : 0,
        compilation.GetTypeByMetadataName("Backprop.INeuralNetwork`1") is not null,
        compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.MethodImplOptions")?.GetMembers("AggressiveOptimization").Length > 0);

    /// <summary>
    /// Adds the compilation's errors to a declaration and withholds its model, or its stand-in, when there are
    /// any: neither can be compiled without the abstractions or in C# older than 8.0. Otherwise the model learns
    /// whether the compilation names <c>AggressiveOptimization</c>.
    /// </summary>
    public static NetworkDeclaration Apply(NetworkDeclaration declaration, CompilationFacts facts)
    {
        if (declaration.Model is null && declaration.StandIn is null)
        {
            return declaration;
        }

        var problems = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        if (facts.LanguageVersion < NetworkLimits.MinimumLanguageVersion)
        {
            problems.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.LanguageVersionTooOld,
                declaration.AttributeLocation,
                ((LanguageVersion)facts.LanguageVersion).ToDisplayString()));
        }

        if (!facts.HasAbstractions)
        {
            problems.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AbstractionsMissing, declaration.AttributeLocation));
        }

        if (problems.Count == 0)
        {
            return declaration.Model is null || declaration.Model.AggressiveOptimization == facts.HasAggressiveOptimization
                ? declaration
                : declaration with { Model = declaration.Model with { AggressiveOptimization = facts.HasAggressiveOptimization } };
        }

        return declaration with { Model = null, StandIn = null, Diagnostics = declaration.Diagnostics.Concat(problems).ToEquatableArray() };
    }
}
