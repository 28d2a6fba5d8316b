using System;

namespace Backprop.Convert;

/// <summary>The entry point: <c>dotnet run --project tools/Backprop.Convert -- INPUT OUTPUT [options]</c>.</summary>
internal static class Program
{
    private static int Main(string[] args) => Converter.Run(args, Console.Out, Console.Error);
}
