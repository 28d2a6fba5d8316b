using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>
/// Snapshot checks with Verify's conventions, by hand (Verify is not available to this build):
/// <c>Snapshots/{Class}.{Method}#{HintName}.verified.cs</c> whose first line is <c>//HintName: X.g.cs</c>,
/// other text in <c>.verified.txt</c>. A mismatch writes <c>.received.*</c> beside the verified file and
/// fails with the first line that differs. Set <c>BACKPROP_ACCEPT_SNAPSHOTS=1</c> to accept new output
/// locally; it is ignored when <c>CI=true</c>, where a missing verified file fails.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "BACKPROP_ACCEPT_SNAPSHOTS";

    /// <summary>Checks one generated file against <c>{Class}.{Method}#{HintName}.verified.cs</c>.</summary>
    public static void VerifyGeneratedFile(
        string hintName,
        string source,
        string? parameters = null,
        [CallerFilePath] string callerFile = "",
        [CallerMemberName] string callerMethod = "")
    {
        string hint = hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName[..^3] : hintName;
        string name = BaseName(callerFile, callerMethod, parameters) + "#" + hint;
        Compare(callerFile, name, "cs", "//HintName: " + hintName + "\n" + source);
    }

    /// <summary>Checks text (such as a list of diagnostics) against <c>{Class}.{Method}.verified.txt</c>.</summary>
    public static void VerifyText(
        string text,
        string? parameters = null,
        [CallerFilePath] string callerFile = "",
        [CallerMemberName] string callerMethod = "")
    {
        Compare(callerFile, BaseName(callerFile, callerMethod, parameters), "txt", text);
    }

    private static string BaseName(string callerFile, string callerMethod, string? parameters) =>
        Path.GetFileNameWithoutExtension(callerFile) + "." + callerMethod + (parameters is null ? "" : "_" + parameters);

    private static void Compare(string callerFile, string name, string extension, string actual)
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified." + extension);
        string receivedPath = Path.Combine(directory, name + ".received." + extension);
        actual = Normalize(actual);

        bool onCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        bool accept = !onCi && Environment.GetEnvironmentVariable(AcceptVariable) == "1";

        if (!File.Exists(verifiedPath))
        {
            if (accept)
            {
                Write(verifiedPath, actual);
                File.Delete(receivedPath);
                return;
            }

            if (!onCi)
            {
                Write(receivedPath, actual);
            }

            throw new XunitException(
                $"No verified snapshot {Path.GetFileName(verifiedPath)}. Review {Path.GetFileName(receivedPath)} and rename it to "
                + $".verified.{extension}, or run the tests with {AcceptVariable}=1.");
        }

        string expected = Normalize(File.ReadAllText(verifiedPath));
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        if (accept)
        {
            Write(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        Write(receivedPath, actual);
        throw new XunitException($"{Path.GetFileName(verifiedPath)} differs from the output. {FirstDifference(expected, actual)}\n"
            + $"The output is in {Path.GetFileName(receivedPath)}; if the change is right, rename it to .verified.{extension} "
            + $"(or run with {AcceptVariable}=1).");
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            string? e = i < expectedLines.Length ? expectedLines[i] : null;
            string? a = i < actualLines.Length ? actualLines[i] : null;
            if (e != a)
            {
                return $"First difference at line {i + 1}:\n  verified: {e ?? "(end of file)"}\n  received: {a ?? "(end of file)"}";
            }
        }

        return "The texts differ.";
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
