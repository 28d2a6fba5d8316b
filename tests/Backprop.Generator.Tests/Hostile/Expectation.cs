using System;
using System.Collections.Immutable;
using System.Linq;

namespace Backprop.Generator.Tests;

internal static partial class Hostile
{
    /// <summary>What the oracle predicts for one declaration.</summary>
    internal enum Outcome
    {
        /// <summary>No BP error; exactly one generated file, which compiles clean.</summary>
        Generated,

        /// <summary>
        /// BP errors (at least <see cref="Expectation.Required"/>, at most <see cref="Expectation.Allowed"/>), and a stand-in that
        /// compiles clean when only the arguments are wrong (<see cref="Expectation.StandIn"/>), else no file.
        /// </summary>
        Errors,

        /// <summary>The attribute is on a struct, interface or enum: the compiler reports CS0592; the generator says and writes nothing.</summary>
        Quiet,

        /// <summary>
        /// The compiler rejects an argument (CS1503, CS0266, CS0617). It must report an error on the declaration; the docs
        /// promise only that the generator does not repeat it, so what the generator makes of the rest is not predicted.
        /// </summary>
        CompilerError,

        /// <summary>No documented rule covers this declaration; only the properties that hold for every declaration are checked.</summary>
        Unspecified,
    }

    /// <summary>What the oracle predicts: the outcome, the BP errors it requires and allows, and, for a generated network, its warnings.</summary>
    internal sealed record Expectation(
        Outcome Outcome,
        ImmutableHashSet<string> Required,
        ImmutableHashSet<string> Allowed,
        ImmutableSortedSet<string> Warnings,
        bool StandIn = false)
    {
        public static Expectation Quiet { get; } = new(Outcome.Quiet, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableSortedSet<string>.Empty);

        public static Expectation CompilerError { get; } = new(Outcome.CompilerError, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableSortedSet<string>.Empty);

        public static Expectation Unspecified { get; } = new(Outcome.Unspecified, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableSortedSet<string>.Empty);

        public override string ToString() => Outcome switch
        {
            Outcome.Generated => Warnings.IsEmpty ? "generated" : "generated + " + string.Join("+", Warnings),
            Outcome.Errors => (StandIn ? "stand-in for " : "")
                + string.Join("+", Required.OrderBy(id => id, StringComparer.Ordinal))
                + (Allowed.Count > Required.Count ? " (maybe " + string.Join("+", Allowed.Except(Required).OrderBy(id => id, StringComparer.Ordinal)) + ")" : ""),
            _ => Outcome.ToString().ToLowerInvariant(),
        };
    }
}
