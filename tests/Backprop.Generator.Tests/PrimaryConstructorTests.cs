using System;
using System.Collections.Immutable;
using System.Reflection;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// A network class with a primary constructor (C# 12) gets no generated constructor, since every constructor
/// must call the primary one: the field of parameters is initialized by it instead, from its <c>int seed</c>
/// parameter when it has one and from seed 0 otherwise. The code compiles clean and draws exactly what
/// <c>new Net(seed)</c> of an ordinary network draws.
/// </summary>
public class PrimaryConstructorTests
{
    private const string Source = """
        using Backprop;

        namespace Game;

        /// <summary>The reference: generated constructors.</summary>
        [Network(3, 4, 2)]
        public partial class Plain { }

        /// <summary>No seed: seed 0, as new Plain() would.</summary>
        /// <param name="name">A name.</param>
        [Network(3, 4, 2)]
        public partial class Brain(string name)
        {
            /// <summary>Another constructor, which must call the primary one.</summary>
            public Brain() : this("anonymous") { }

            /// <summary>The name.</summary>
            public string Name => name;
        }

        /// <summary>Its seed seeds the parameters.</summary>
        /// <param name="name">A name.</param>
        /// <param name="seed">The seed.</param>
        [Network(3, 4, 2)]
        public partial class Agent(string name, int seed)
        {
            /// <summary>Another constructor: 'seed' names the primary constructor's parameter, and reads nothing.</summary>
            /// <param name="value">The seed.</param>
            public Agent(byte value) : this(name: nameof(seed), seed: value) { }

            /// <summary>The name.</summary>
            public string Name { get; } = name;

            /// <summary>The seed, kept by an initializer, which does not capture it.</summary>
            public int Seed { get; } = seed;
        }

        /// <summary>An empty parameter list is a primary constructor too.</summary>
        [Network(3, 4, 2)]
        public partial class Empty() { }

        /// <summary>A base class without a parameterless constructor gets its argument from the primary constructor.</summary>
        public abstract class Creature
        {
            /// <summary>Creates it.</summary>
            /// <param name="legs">Legs.</param>
            protected Creature(int legs) => Legs = legs;

            /// <summary>Legs.</summary>
            public int Legs { get; }
        }

        /// <summary>A network with vector kernels (aligned parameters) and a base class.</summary>
        /// <param name="seed">The seed.</param>
        [Network(64, 32, 10, HiddenActivation = Activation.ReLU, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
        public sealed partial class Spider(int seed) : Creature(8) { }

        /// <summary>The reference for Spider.</summary>
        [Network(64, 32, 10, HiddenActivation = Activation.ReLU, OutputActivation = Activation.Softmax, Loss = Loss.CrossEntropy)]
        public sealed partial class PlainSpider { }

        /// <summary>A member also named seed, initialized from the parameter.</summary>
        /// <param name="seed">The seed.</param>
        [Network(2, 3, 1, Precision = Precision.Double)]
        public partial class Shadowed(int seed)
        {
            private readonly int seed = seed + 1;

            /// <summary>The field, one more than the seed.</summary>
            public int Field => seed;
        }

        /// <summary>The reference for Shadowed.</summary>
        [Network(2, 3, 1, Precision = Precision.Double)]
        public partial class PlainDouble { }
        """;

    [Fact]
    public void Primary_constructors_compile_clean_and_draw_from_their_seed_or_seed_0()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);

        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
        Assembly assembly = GeneratorHarness.Load(run.Output);

        float[] Floats(string type, params object[] arguments) =>
            ((INeuralNetwork<float>)Activator.CreateInstance(assembly.GetType("Game." + type, throwOnError: true)!, arguments)!).Parameters.ToArray();
        double[] Doubles(string type, params object[] arguments) =>
            ((INeuralNetwork<double>)Activator.CreateInstance(assembly.GetType("Game." + type, throwOnError: true)!, arguments)!).Parameters.ToArray();

        Assert.Equal(Floats("Plain", 0), Floats("Brain", "x"));
        Assert.Equal(Floats("Plain", 0), Floats("Brain"));
        Assert.Equal(Floats("Plain", 0), Floats("Empty"));
        Assert.Equal(Floats("Plain", 42), Floats("Agent", "x", 42));
        Assert.NotEqual(Floats("Plain", 0), Floats("Agent", "x", 42));
        Assert.Equal(Floats("PlainSpider", 5), Floats("Spider", 5));
        Assert.Equal(Doubles("PlainDouble", 9), Doubles("Shadowed", 9));
    }

    [Fact]
    public void No_constructor_is_generated_and_the_remarks_say_where_the_parameters_come_from()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);

        // The remarks wrap at word boundaries: read them as one line.
        string agent = OneLine(run.Source("Game.Agent.g.cs"));
        Assert.DoesNotContain("public Agent(", agent, StringComparison.Ordinal);
        Assert.Contains("_parameters = CreateParameters(seed);", agent, StringComparison.Ordinal);
        Assert.Contains("from its <c>seed</c> parameter", agent, StringComparison.Ordinal);
        string brain = OneLine(run.Source("Game.Brain.g.cs"));
        Assert.Contains("_parameters = CreateParameters(0);", brain, StringComparison.Ordinal);
        Assert.Contains("from seed 0 (it has no <c>int seed</c> parameter)", brain, StringComparison.Ordinal);
        Assert.Contains("public Plain(int seed)", run.Source("Game.Plain.g.cs"), StringComparison.Ordinal);
    }

    private static string OneLine(string source) => System.Text.RegularExpressions.Regex.Replace(source, @"\n\s*/// ", " ");

    [Fact]
    public void A_seed_captured_by_a_member_warns_and_falls_back_to_seed_0_without_a_compiler_warning()
    {
        const string Captured = """
            using Backprop;

            [Network(3, 4, 2)]
            internal partial class Plain { }

            [Network(3, 4, 2)]
            internal partial class Agent(int seed)
            {
                public int Seed => seed;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Captured);

        Diagnostic warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BP0037", warning.Id);
        Assert.Equal("seed", Captured[warning.Location.SourceSpan.Start..warning.Location.SourceSpan.End]);
        Assert.True(warning.Location.SourceSpan.Start > Captured.IndexOf("Seed =>", StringComparison.Ordinal));
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
        Assembly assembly = GeneratorHarness.Load(run.Output);
        var agent = (INeuralNetwork<float>)Activator.CreateInstance(assembly.GetType("Agent", throwOnError: true)!, 42)!;
        var plain = (INeuralNetwork<float>)Activator.CreateInstance(assembly.GetType("Plain", throwOnError: true)!, 0)!;
        Assert.Equal(plain.Parameters.ToArray(), agent.Parameters.ToArray());
    }

    [Fact]
    public void A_seed_of_another_type_or_passed_by_reference_is_not_read()
    {
        const string Others = """
            using Backprop;

            [Network(3, 4, 2)]
            internal partial class Wide(long seed)
            {
                public long Seed { get; } = seed;
            }

            [Network(3, 4, 2)]
            internal partial class ByReference(in int seed)
            {
                public int Seed { get; } = seed;
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Others);

        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
        Assert.Contains("CreateParameters(0);", run.Source("Wide.g.cs"), StringComparison.Ordinal);
        Assert.Contains("CreateParameters(0);", run.Source("ByReference.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_baked_network_with_a_primary_constructor_starts_from_the_baked_parameters()
    {
        const string Baked = """
            using Backprop;

            [Network(2, 3, 1, Weights = "xor.json")]
            internal partial class BakedXor(string name)
            {
                public string Name => name;
            }

            [Network(2, 3, 1, Weights = "xor.json")]
            internal partial class Reference { }
            """;

        GeneratorRun run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation(Baked),
            additionalTexts: ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/project/xor.json", WeightsJson.Xor)));

        DiagnosticText.AssertNone(run.GeneratorDiagnostics);
        DiagnosticText.AssertNone(run.CompilerDiagnostics);
        Assembly assembly = GeneratorHarness.Load(run.Output);
        var baked = (INeuralNetwork<float>)Activator.CreateInstance(assembly.GetType("BakedXor", throwOnError: true)!, "x")!;
        var reference = (INeuralNetwork<float>)Activator.CreateInstance(assembly.GetType("Reference", throwOnError: true)!)!;
        Assert.Equal(reference.Parameters.ToArray(), baked.Parameters.ToArray());
        Assert.Contains(baked.Parameters.ToArray(), value => value != 0f);
    }
}
