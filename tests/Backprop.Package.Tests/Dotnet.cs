using System;
using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace Backprop.Package.Tests;

/// <summary>Runs the dotnet command line as a user would, outside this test's own MSBuild context.</summary>
internal static class Dotnet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="folder"/>.</summary>
    public static Result Run(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` hands its MSBuild settings to the processes it starts; a user's shell has none of them.
        // NUGET_PACKAGES (common on CI machines) would override the package folder that a test's own
        // nuget.config names, so a test could not see where its packages went.
        foreach (string name in new System.Collections.Generic.List<string>(start.Environment.Keys))
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.Equals("NUGET_PACKAGES", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"dotnet {string.Join(' ', arguments)} did not finish in {Timeout.TotalMinutes} minutes:\n{output}");
        }

        process.WaitForExit();
        return new Result(string.Join(' ', arguments), process.ExitCode, output.ToString(), clock.Elapsed);
    }

    /// <summary>What a command did.</summary>
    public sealed record Result(string Command, int ExitCode, string Output, TimeSpan Time)
    {
        public string AssertSuccess(string what) =>
            ExitCode == 0 ? Output : throw new XunitException($"{what} failed with exit code {ExitCode} (dotnet {Command}):\n{Output}");
    }
}
