using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Backprop.Generator.Tests.TestHelpers;

internal static class DiagnosticText
{
    /// <summary>One line per diagnostic, in a stable order: id, severity, span (1-based line:column) and the text it covers, message.</summary>
    public static string Format(IEnumerable<Diagnostic> diagnostics, string? source = null) =>
        string.Join(
            "\n",
            diagnostics
                .OrderBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Id, System.StringComparer.Ordinal)
                .Select(d => FormatOne(d, source)))
        + "\n";

    /// <summary>Fails with every diagnostic listed, if there are any.</summary>
    public static void AssertNone(IEnumerable<Diagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        if (list.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("Expected no diagnostics, but got:\n" + string.Join("\n", list.Take(20).Select(d => d.ToString())));
        }
    }

    private static string FormatOne(Diagnostic diagnostic, string? source)
    {
        string where = "(no location)";
        if (diagnostic.Location != Location.None)
        {
            var span = diagnostic.Location.GetLineSpan().Span;
            where = string.Create(CultureInfo.InvariantCulture, $"({span.Start.Line + 1},{span.Start.Character + 1})-({span.End.Line + 1},{span.End.Character + 1})");
            if (source is not null)
            {
                where += " `" + source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length) + "`";
            }
        }

        return diagnostic.Id + " " + diagnostic.Severity + " " + where + ": " + diagnostic.GetMessage(CultureInfo.InvariantCulture);
    }
}
