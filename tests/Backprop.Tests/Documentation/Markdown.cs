using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Backprop.Tests.Documentation;

/// <summary>
/// The repository's Markdown files read as GitHub renders them: their links, the anchors their headings
/// get, and their text outside fenced code.
/// </summary>
internal static partial class Markdown
{
    /// <summary>The repository's root, found from this source file's own path.</summary>
    public static string Root { get; } = RootFrom();

    /// <summary>
    /// Every Markdown file of the repository, as a path relative to <see cref="Root"/> with '/' separators,
    /// leaving out build output and what benchmarks and CI write.
    /// </summary>
    public static IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(Root, "*.md", SearchOption.AllDirectories)
            .Select(RelativePath)
            .Where(path => !path.Split('/').Any(IsGeneratedOrHidden))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();

    /// <summary>Reads a repository file given by its path relative to <see cref="Root"/>.</summary>
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>The path of <paramref name="fullPath"/> relative to <see cref="Root"/>, with '/' separators.</summary>
    public static string RelativePath(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    /// <summary>
    /// The targets of inline links and images, <c>[text](target)</c>, and of reference definitions,
    /// <c>[label]: target</c>, outside fenced code blocks and code spans.
    /// </summary>
    public static IEnumerable<string> Links(string text)
    {
        string prose = CodeSpan().Replace(WithoutFencedCode(text), string.Empty);
        return InlineLink().Matches(prose).Select(m => m.Groups["target"].Value)
            .Concat(ReferenceDefinition().Matches(prose).Select(m => m.Groups["target"].Value));
    }

    /// <summary>
    /// The anchors GitHub gives the headings of <paramref name="text"/>: the heading's text in lower case,
    /// without the characters that are not letters, digits, spaces, hyphens or underscores, spaces turned into
    /// hyphens, and "-1", "-2", … added to repeats; plus the ids of explicit HTML anchors.
    /// </summary>
    public static ISet<string> Anchors(string text)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string line in WithoutFencedCode(text).Split('\n'))
        {
            Match heading = Heading().Match(line.TrimEnd('\r'));
            if (!heading.Success)
            {
                continue;
            }

            string slug = Slug(heading.Groups["text"].Value);
            seen.TryGetValue(slug, out int repeats);
            seen[slug] = repeats + 1;
            anchors.Add(repeats == 0 ? slug : slug + "-" + repeats);
        }

        foreach (Match anchor in HtmlAnchor().Matches(text))
        {
            anchors.Add(anchor.Groups["id"].Value);
        }

        return anchors;
    }

    /// <summary>The text of the ATX headings (<c>#</c> to <c>######</c>) of <paramref name="text"/>, outside fenced code.</summary>
    public static IEnumerable<string> Headings(string text) =>
        WithoutFencedCode(text).Split('\n')
            .Select(line => Heading().Match(line.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => m.Groups["text"].Value);

    /// <summary>The text under the level-2 heading <paramref name="heading"/>, up to the next level-2 heading.</summary>
    public static string Section(string text, string heading)
    {
        string normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        string start = "\n## " + heading + "\n";
        int at = normalized.IndexOf(start, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"No section '## {heading}'.");
        }

        int body = at + start.Length;
        int end = normalized.IndexOf("\n## ", body, StringComparison.Ordinal);
        return end < 0 ? normalized[body..] : normalized[body..end];
    }

    /// <summary><paramref name="text"/> with the lines of fenced code blocks (``` or ~~~) blanked, line numbers kept.</summary>
    public static string WithoutFencedCode(string text)
    {
        var result = new StringBuilder(text.Length);
        string? fence = null;
        foreach (string line in text.Split('\n'))
        {
            string trimmed = line.TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed.Substring(0, 3);
                result.Append('\n');
                continue;
            }

            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }

                result.Append('\n');
                continue;
            }

            result.Append(line).Append('\n');
        }

        return result.ToString();
    }

    /// <summary>The contents of the fenced code blocks of <paramref name="text"/> whose info string is <c>csharp</c>.</summary>
    public static IEnumerable<string> CSharpBlocks(string text)
    {
        StringBuilder? block = null;
        foreach (string line in text.Split('\n'))
        {
            string trimmed = line.TrimStart().TrimEnd('\r');
            if (block is null)
            {
                if (trimmed.StartsWith("```csharp", StringComparison.Ordinal))
                {
                    block = new StringBuilder();
                }
            }
            else if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                yield return block.ToString();
                block = null;
            }
            else
            {
                block.Append(line).Append('\n');
            }
        }
    }

    private static string Slug(string heading)
    {
        // What the reader sees: a link's text, not its target; no HTML tags.
        string rendered = HtmlTag().Replace(InlineLink().Replace(heading, m => m.Groups["text"].Value), string.Empty);
        var slug = new StringBuilder(rendered.Length);
        foreach (char c in rendered.Trim().ToLowerInvariant())
        {
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (c is '-' or '_' || KeptInSlugs(char.GetUnicodeCategory(c)))
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    // Letters, marks and numbers of every kind; punctuation and symbols drop out.
    private static bool KeptInSlugs(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
        or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
        or UnicodeCategory.OtherNumber;

    private static bool IsGeneratedOrHidden(string directory) =>
        directory is "bin" or "obj" or "artifacts" or "TestResults" or "BenchmarkDotNet.Artifacts" or "node_modules"
        || directory.StartsWith('.');

    private static string RootFrom([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*(?<target>\S+)", RegexOptions.Multiline)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^ {0,3}#{1,6}\s+(?<text>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"<[^>\n]+>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"<a\s+(?:id|name)=""(?<id>[^""]+)""")]
    private static partial Regex HtmlAnchor();
}
