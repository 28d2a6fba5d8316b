using Microsoft.CodeAnalysis.CSharp;

namespace Backprop.Generator.Parsing;

internal static class Identifiers
{
    /// <summary>Writes a name as C# source needs it: a reserved keyword gets an <c>@</c> (a class named <c>@class</c>).</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
