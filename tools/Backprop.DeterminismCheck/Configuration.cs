using System;
using System.Collections;
using System.Collections.Generic;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Backprop.DeterminismCheck
{
    /// <summary>
    /// What this run ran on, printed before the hashes as comment lines: a variant whose switch silently did
    /// nothing (an environment variable the runtime ignores, a build that picked the other library) shows here.
    /// </summary>
    public static class Configuration
    {
        /// <summary>The lines describing this process, each starting with "# ".</summary>
        public static IReadOnlyList<string> Describe()
        {
            var lines = new List<string>
            {
                "# runtime: " + RuntimeInformation.FrameworkDescription,
                "# architecture: " + RuntimeInformation.ProcessArchitecture,
                "# library build: " + LibraryBuild(),
                "# NativeAOT: " + (IsNativeAot() ? "yes" : "no"),
                "# accelerated: " + AcceleratedWidths(),
            };
            string switches = RuntimeSwitches();
            lines.Add("# switches: " + (switches.Length == 0 ? "none" : switches));
            return lines;
        }

        // The target framework of the Backprop assembly loaded: net8.0 or netstandard2.0.
        private static string LibraryBuild()
        {
            Assembly library = typeof(INeuralNetwork).Assembly;
            string? framework = library.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
            return (library.GetName().Name ?? "?") + " for " + (framework ?? "an unknown framework");
        }

        private static bool IsNativeAot()
        {
#if NET
            return !System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported;
#else
            return false;
#endif
        }

        private static string AcceleratedWidths()
        {
            string portable = "Vector<T> " + YesNo(Vector.IsHardwareAccelerated) + " (Vector<float>.Count " + Vector<float>.Count + ")";
#if NET8_0_OR_GREATER
            return "Vector512 " + YesNo(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
                + ", Vector256 " + YesNo(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
                + ", Vector128 " + YesNo(System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
                + ", " + portable;
#else
            return "Vector512/256/128 not on this runtime, " + portable;
#endif
        }

        private static string YesNo(bool value) => value ? "yes" : "no";

        // The environment variables that steer the JIT and the instruction sets it may use; not the SDK's own.
        private static readonly string[] SwitchPrefixes =
        {
            "DOTNET_Enable", "DOTNET_Tiered", "DOTNET_TC_", "DOTNET_ReadyToRun", "DOTNET_PreferredVectorBitWidth",
            "DOTNET_JitStress", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT",
        };

        // The runtime's configuration switches in the environment (DOTNET_EnableAVX512=0 and the like), sorted.
        private static string RuntimeSwitches()
        {
            var switches = new List<string>();
            foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                string name = (string)variable.Key;
                if (Array.Exists(SwitchPrefixes, prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    switches.Add(name + "=" + variable.Value);
                }
            }

            switches.Sort(StringComparer.Ordinal);
            return string.Join(" ", switches);
        }
    }
}
