namespace Backprop.Generator.Models;

/// <summary>
/// The few facts about the whole compilation that decide what the generator may emit, cut down from the
/// <c>Compilation</c> so that an edit which leaves them equal reruns nothing downstream.
/// </summary>
/// <param name="LanguageVersion">The C# language version, as Roslyn numbers it (800 for C# 8.0).</param>
/// <param name="HasAbstractions">Whether <c>Backprop.INeuralNetwork&lt;T&gt;</c> is referenced.</param>
/// <param name="HasAggressiveOptimization">
/// Whether <c>MethodImplOptions</c> names <c>AggressiveOptimization</c> (.NET Core 3.0 and .NET Standard 2.1 on;
/// not .NET Standard 2.0 or .NET Framework).
/// </param>
internal sealed record CompilationFacts(int LanguageVersion, bool HasAbstractions, bool HasAggressiveOptimization);
