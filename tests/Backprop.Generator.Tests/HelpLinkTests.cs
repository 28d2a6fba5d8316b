using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// The help link of every diagnostic opens docs/diagnostics.md in the repository that the package metadata
/// and the README name (BackpropRepositoryUrl in Directory.Build.props), at the diagnostic's own heading.
/// </summary>
public sealed class HelpLinkTests
{
    [Fact]
    public void Every_help_link_points_into_the_repository_at_a_heading_of_the_diagnostics_page()
    {
        string page = BuildFacts.RepositoryUrl + "/blob/main/docs/diagnostics.md#";
        string[] anchors = HeadingAnchors(File.ReadAllLines(RepositoryFile("docs/diagnostics.md")));
        DiagnosticDescriptor[] descriptors = typeof(NetworkGenerator).Assembly
            .GetType("Backprop.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!
            .GetFields()
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToArray();

        Assert.NotEmpty(descriptors);
        Assert.All(descriptors, d =>
        {
            Assert.StartsWith(page, d.HelpLinkUri, StringComparison.Ordinal);
            Assert.Single(anchors, a => a == d.HelpLinkUri[page.Length..]);
        });
    }

    [Fact]
    public void Anchors_are_made_as_github_makes_them()
    {
        Assert.Equal(
            new[] { "bp0001", "bp0002-a-title", "weights--json", "bp0001-1" },
            HeadingAnchors(["# BP0001", "```csharp", "#nullable enable", "```", "## BP0002: A title", "### Weights & JSON", "## BP0001"]));
    }

    // GitHub's anchor for each heading outside code blocks: lower case, punctuation dropped, spaces made
    // hyphens, and "-1", "-2"… after a repeated one.
    private static string[] HeadingAnchors(IEnumerable<string> lines)
    {
        var anchors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        bool inCode = false;
        foreach (string line in lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }
            else if (!inCode && line.StartsWith('#'))
            {
                var anchor = new StringBuilder();
                foreach (char c in line.TrimStart('#').Trim().ToLowerInvariant())
                {
                    if (char.IsLetterOrDigit(c) || c is '-' or '_')
                    {
                        anchor.Append(c);
                    }
                    else if (c == ' ')
                    {
                        anchor.Append('-');
                    }
                }

                string text = anchor.ToString();
                int repeats = seen.TryGetValue(text, out int before) ? before + 1 : 0;
                seen[text] = repeats;
                anchors.Add(repeats == 0 ? text : $"{text}-{repeats}");
            }
        }

        return anchors.ToArray();
    }

    private static string RepositoryFile(string relative, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "..", relative);
}
