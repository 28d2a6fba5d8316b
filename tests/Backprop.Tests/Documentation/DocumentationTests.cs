using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Backprop.Tests.Documentation;

/// <summary>
/// The documentation stands on its own: what it links to and names is in the repository, it speaks of the
/// project rather than of the work that made it, and docs/math.md defines every equation and section that
/// generated code and the sources cite.
/// </summary>
public sealed partial class DocumentationTests
{
    private const string MathPage = "docs/math.md";

    [Fact]
    public void Every_relative_link_resolves_to_a_file_and_heading_of_the_repository()
    {
        var broken = new List<string>();
        foreach (string file in Markdown.Files())
        {
            string directory = Path.GetDirectoryName(Path.Combine(Markdown.Root, file))!;
            foreach (string link in Markdown.Links(Markdown.Read(file)).Where(IsRelative))
            {
                int hash = link.IndexOf('#', StringComparison.Ordinal);
                string path = Uri.UnescapeDataString(hash < 0 ? link : link.Substring(0, hash));
                string anchor = hash < 0 ? string.Empty : link.Substring(hash + 1);
                string target = path.Length == 0 ? Path.Combine(Markdown.Root, file) : Path.GetFullPath(Path.Combine(directory, path));
                bool inRepository = target.StartsWith(Markdown.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
                if (!inRepository || (!File.Exists(target) && !Directory.Exists(target)))
                {
                    broken.Add($"{file}: ({link}) names {path}, which is not in the repository");
                }
                else if (anchor.Length > 0 && target.EndsWith(".md", StringComparison.Ordinal)
                    && !Markdown.Anchors(File.ReadAllText(target)).Contains(anchor))
                {
                    broken.Add($"{file}: ({link}) names #{anchor}, which no heading of {Markdown.RelativePath(target)} has");
                }
            }
        }

        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Every_Markdown_file_the_documentation_names_is_in_the_repository()
    {
        // A page may name a file in running text or code rather than link it; a reader must still find it.
        IReadOnlyList<string> files = Markdown.Files();
        var names = files.Select(f => f.Substring(f.LastIndexOf('/') + 1)).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (string file in files)
        {
            string directory = Path.GetDirectoryName(file)!.Replace('\\', '/');
            foreach (Match named in MarkdownFileName().Matches(Markdown.Read(file)))
            {
                string name = named.Value;
                bool found = name.Contains('/', StringComparison.Ordinal)
                    ? File.Exists(Path.Combine(Markdown.Root, name)) || File.Exists(Path.Combine(Markdown.Root, directory, name))
                    : names.Contains(name);
                if (!found)
                {
                    missing.Add($"{file} names {name}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Markdown files named but not in the repository:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_documentation_speaks_of_the_project_not_of_the_issues_that_changed_it()
    {
        var mentions = Markdown.Files()
            .SelectMany(file => Markdown.Read(file).Split('\n').Select((line, i) => (file, line: i + 1, text: line)))
            .Where(l => IssueNumber().IsMatch(l.text))
            .Select(l => $"{l.file}:{l.line}: {l.text.Trim()}")
            .ToList();

        Assert.True(mentions.Count == 0, "Issue numbers in the documentation:\n" + string.Join("\n", mentions));
    }

    [Fact]
    public void Every_equation_and_section_that_code_cites_is_defined_in_docs_math()
    {
        string math = Markdown.Read(MathPage);
        var headings = Markdown.Headings(math).ToList();
        var undefined = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string file, string text) in CitingFiles())
        {
            foreach (Match equation in EquationCitation().Matches(text))
            {
                // An equation is defined where it is displayed with its number: "(eq. 4)".
                string number = equation.Groups["number"].Value;
                if (!math.Contains("(eq. " + number + ")", StringComparison.Ordinal))
                {
                    undefined.TryAdd("eq. " + number, file);
                }
            }

            foreach (Match section in SectionCitation().Matches(text))
            {
                // A section is a heading that starts with its number: "### 3.1 The cost".
                string number = section.Groups["number"].Value;
                if (!headings.Any(h => h.StartsWith(number + " ", StringComparison.Ordinal)))
                {
                    undefined.TryAdd("§" + number, file);
                }
            }
        }

        Assert.True(undefined.Count == 0, MathPage + " does not define:\n" + string.Join("\n", undefined.Select(u => $"{u.Key}, cited in {u.Value} among others")));
    }

    /// <summary>
    /// The files whose text cites the derivation: the sources (generator, runtime, tools, samples,
    /// benchmarks), the generated code kept as snapshots, and the other pages.
    /// </summary>
    private static IEnumerable<(string File, string Text)> CitingFiles()
    {
        string[] roots = ["src", "samples", "tools", "benchmarks", "tests/Backprop.Generator.Tests/Snapshots"];
        IEnumerable<string> sources = roots
            .Select(root => Path.Combine(Markdown.Root, root))
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            .Select(Markdown.RelativePath)
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj"));
        return sources.Concat(Markdown.Files().Where(f => f != MathPage))
            .Select(file => (file, Markdown.Read(file)));
    }

    private static bool IsRelative(string link) =>
        !link.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) && !UriScheme().IsMatch(link);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex UriScheme();

    // A file name ending in .md, with its folders if it has any: docs/math.md, backprop-seed.md, ../README.md.
    [GeneratedRegex(@"(?<![\w./-])(?:\.\.?/)*[\w.-]+(?:/[\w.-]+)*\.md\b")]
    private static partial Regex MarkdownFileName();

    // "issue 3", "issues 3 and 5", "issue #12", "Issue 13".
    [GeneratedRegex(@"\b[Ii]ssues? #?\d")]
    private static partial Regex IssueNumber();

    [GeneratedRegex(@"\b[Ee]q\. (?<number>\d+)")]
    private static partial Regex EquationCitation();

    [GeneratedRegex(@"§(?<number>\d+(?:\.\d+)*)")]
    private static partial Regex SectionCitation();
}
