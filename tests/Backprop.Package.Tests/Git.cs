using System;
using System.Diagnostics;
using Xunit.Sdk;

namespace Backprop.Package.Tests;

/// <summary>Asks git about the repository the package was built from.</summary>
internal static class Git
{
    /// <summary>Runs <c>git</c> with <paramref name="arguments"/> in <paramref name="folder"/>; its output lines.</summary>
    public static string[] Run(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : throw new XunitException($"git {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{error.Result}");
    }
}
