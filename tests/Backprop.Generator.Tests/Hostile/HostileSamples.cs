using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using CsCheck;

namespace Backprop.Generator.Tests;

internal static partial class Hostile
{
    /// <summary>
    /// Random files of network declarations. Each declaration is drawn in one of three moods: valid by construction,
    /// valid but for one defect, or chaos (every choice from every pool). The oracle does not trust the mood: it
    /// computes the expected outcome from the declaration itself.
    /// </summary>
    /// <remarks>
    /// The generators are static fields that build on each other, so they all stay in this file: C# runs the field
    /// initializers of one file in order, but leaves the order of a partial class's files unspecified. The other
    /// parts (HostileSamples.Rendering.cs, HostileSamples.Oracle.cs) hold methods only.
    /// </remarks>
    internal static partial class HostileSamples
    {
        /// <summary>The PCG stream of the samples. Fixed: sample i is drawn from seed i of this stream, on every run.</summary>
        private const uint Stream = 20_250_601;

        /// <summary>The names of every member the generator declares, as docs/diagnostics.md (BP0007) lists them.</summary>
        private static readonly string[] GeneratedNames =
        {
            "LayerCount", "InputSize", "OutputSize", "ParameterCount", "Parameters", "GetActivation", "WeightIndex",
            "BiasIndex", "Weight", "Bias", "InitializeParameters", "Forward", "ForwardBatch", "Backward", "TrainStep", "TrainBatch",
            "_parameters", "_batchGradient", "s_layerSizes", "s_bakedParameters", "CreateParameters", "DrawParameters", "BackwardCore",
            "ForwardFourRows", "BackwardFourRows", "SigmoidNotInlined", "TanhNotInlined",
        };

        public static (string Seed, HostileFile File) FromIndex(int index)
        {
            var pcg = new PCG(Stream, (ulong)index);
            string seed = pcg.ToString();
            return (seed, FromSeed(seed));
        }

        /// <summary>Rebuilds a sample from the seed a failure printed.</summary>
        public static HostileFile FromSeed(string seed) => Files.Generate(PCG.Parse(seed), null, out _);

        // --- Sizes -------------------------------------------------------------------------------------------

        /// <summary>A valid size, mostly tiny: every generated file is compiled, and its size grows with the weights.</summary>
        private static readonly Gen<int> SmallSize = Gen.Frequency((12, Gen.Int[1, 3]), (3, Gen.Int[4, 6]), (1, Gen.Int[7, 12]));

        private static readonly Gen<int> HugeSize = Gen.OneOf(100_000, int.MaxValue);

        private static readonly Gen<int> AnySize = Gen.Frequency(
            (3, Gen.Int[-5, 0]),
            (6, SmallSize),
            (1, Gen.OneOf(100_000, int.MaxValue, int.MinValue)));

        /// <summary>The ways to write an int constant: all mean the same value to the compiler.</summary>
        private static SizeArg[] Spellings(int value, bool plainOnly)
        {
            string text = value switch
            {
                int.MaxValue => "int.MaxValue",
                int.MinValue => "int.MinValue",
                _ => value.ToString(CultureInfo.InvariantCulture),
            };
            var spellings = new List<SizeArg> { new(text, value) };
            if (value >= 0)
            {
                spellings.Add(new("0x" + value.ToString("X", CultureInfo.InvariantCulture), value));
            }

            // An implicit conversion to int: a new[] { } of only these would be a char[] or short[], so not there.
            if (!plainOnly && value is >= 0 and <= short.MaxValue)
            {
                spellings.Add(new("(short)" + value.ToString(CultureInfo.InvariantCulture), value));
                spellings.Add(new("'\\u" + value.ToString("X4", CultureInfo.InvariantCulture) + "'", value));
            }

            if (value is < 0 and > int.MinValue)
            {
                spellings.Add(new("-(" + (-value).ToString(CultureInfo.InvariantCulture) + ")", value));
            }

            return spellings.ToArray();
        }

        /// <summary>An argument the compiler cannot convert to int.</summary>
        private static readonly Gen<SizeArg> WrongType = Gen.OneOf(
            new SizeArg("\"3\"", null),
            new SizeArg("3.5", null),
            new SizeArg("3L", null),
            new SizeArg("3u", null),
            new SizeArg("3m", null),
            new SizeArg("true", null),
            new SizeArg("typeof(int)", null),
            new SizeArg("null", null));

        private static readonly Gen<SizesForm> ListForm = Gen.Frequency(
            (6, Gen.Const(SizesForm.Params)),
            (1, Gen.Const(SizesForm.ImplicitArray)),
            (1, Gen.Const(SizesForm.IntArray)));

        private static Gen<Sizes> SizesOf(Gen<int> count, Gen<int> value) =>
            ListForm.SelectMany(form => count.SelectMany(n =>
                value.SelectMany(v => Gen.OneOf(Spellings(v, plainOnly: form == SizesForm.ImplicitArray))).Array[n, n]
                    .Select(items => new Sizes(form, items.ToImmutableArray()))));

        private static readonly Gen<Sizes> ValidSizes = SizesOf(Gen.Frequency((4, Gen.Const(2)), (4, Gen.Const(3)), (2, Gen.Const(4)), (1, Gen.Const(5))), SmallSize);

        private static readonly Gen<Sizes> NoSizes = Gen.OneOf(
            SizesForm.NoArgumentList, SizesForm.EmptyParens, SizesForm.Null, SizesForm.ZeroLengthArray, SizesForm.IntArray)
            .Select(form => new Sizes(form, ImmutableArray<SizeArg>.Empty));

        private static readonly Gen<Sizes> DefectSizes = Gen.Frequency(
            (2, NoSizes),
            (2, SizesOf(Gen.Const(1), SmallSize)),
            (3, SizesOf(Gen.Int[2, 6], AnySize).Where(s => s.Values.Any(v => v <= 0))),
            (2, SizesOf(Gen.Int[2, 6], Gen.Frequency((3, SmallSize), (1, HugeSize))).Where(s => s.Values.Any(v => v >= 100_000))),
            (3, Gen.Select(ValidSizes, WrongType, Gen.Int[0, 9], (s, wrong, at) => s with { Items = s.Items.Insert(at % (s.Items.Length + 1), wrong) })));

        private static readonly Gen<Sizes> AnySizes = Gen.Frequency(
            (3, ValidSizes),
            (3, DefectSizes),
            (2, SizesOf(Gen.Int[0, 6], AnySize)));

        // --- Named arguments --------------------------------------------------------------------------------

        private static readonly string[] Activations = { "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Linear", "Softmax" };

        private static readonly string[] Losses = { "MeanSquaredError", "CrossEntropy", "BinaryCrossEntropy" };

        private const int Sigmoid = 0;

        private const int Softmax = 5;

        private const int MeanSquaredError = 0;

        private const int CrossEntropy = 1;

        private const int BinaryCrossEntropy = 2;

        /// <summary>The activations that act on each neuron alone, which a hidden layer may have: all but the softmax.</summary>
        private static readonly Gen<int> Elementwise = Gen.Int[0, 4];

        private static readonly Gen<int> AnyActivation = Gen.Int[0, 5];

        /// <summary>The ways to write a member of an enum: by name, fully qualified, as a cast, and 0 for its first member.</summary>
        private static Gen<string> EnumText(string enumName, string[] names, int value, bool zeroLiteral = true)
        {
            var spellings = new List<(int, IGen<string>)>
            {
                (6, Gen.Const(enumName + "." + names[value])),
                (1, Gen.Const("Backprop." + enumName + "." + names[value])),
                (1, Gen.Const("(" + enumName + ")" + value.ToString(CultureInfo.InvariantCulture))),
            };
            if (value == 0 && zeroLiteral)
            {
                // The literal 0 converts to every enum.
                spellings.Add((1, Gen.Const("0")));
            }

            return Gen.Frequency(spellings.ToArray());
        }

        private static Gen<Named> ValidActivation(string name, Gen<int> values) =>
            values.SelectMany(v => EnumText("Activation", Activations, v).Select(text => new Named(name, text, NamedKind.Valid, v)));

        private static Gen<Named> ValidLoss(Gen<int> values) =>
            values.SelectMany(v => EnumText("Loss", Losses, v).Select(text => new Named("Loss", text, NamedKind.Valid, v)));

        private static readonly Gen<Named> ValidPrecision = Gen.Frequency(
            (3, Gen.OneOf(new Named("Precision", "Precision.Single", NamedKind.Valid, 0), new Named("Precision", "Precision.Double", NamedKind.Valid, 1))),
            (1, Gen.OneOf(new Named("Precision", "(Precision)1", NamedKind.Valid, 1), new Named("Precision", "0", NamedKind.Valid, 0))));

        /// <summary>
        /// <c>HiddenActivations</c> with these values, in one of the forms C# accepts: <c>new[] { … }</c> (not empty, no
        /// literal 0: its element type would be int), <c>new Activation[] { … }</c>, <c>new Activation[0]</c>, or a
        /// collection expression <c>[…]</c>.
        /// </summary>
        private static Gen<Named> ActivationList(int[] values, NamedKind kind = NamedKind.Valid)
        {
            Gen<string[]> Items(bool zeroLiteral) => values.Aggregate(
                Gen.Const(ImmutableList<string>.Empty),
                (items, v) => items.SelectMany(list => (v is >= 0 and <= Softmax
                    ? EnumText("Activation", Activations, v, zeroLiteral)
                    : Gen.Const(v < 0 ? "(Activation)(" + v.ToString(CultureInfo.InvariantCulture) + ")" : "(Activation)" + v.ToString(CultureInfo.InvariantCulture))).Select(list.Add)))
                .Select(list => list.ToArray());
            var forms = new List<(int, IGen<string>)>
            {
                (3, Items(zeroLiteral: true).Select(items => "new Activation[] { " + string.Join(", ", items) + " }")),
                (2, Items(zeroLiteral: true).Select(items => "[" + string.Join(", ", items) + "]")),
            };
            if (values.Length > 0)
            {
                forms.Add((4, Items(zeroLiteral: false).Select(items => "new[] { " + string.Join(", ", items) + " }")));
            }
            else
            {
                forms.Add((1, Gen.Const("new Activation[0]")));
            }

            return Gen.Frequency(forms.ToArray()).Select(text => new Named("HiddenActivations", text, kind, 0, values.ToImmutableArray()));
        }

        private static Gen<Named> AnyActivationList(Gen<int> count, Gen<int> values) =>
            count.SelectMany(n => values.Array[n, n]).SelectMany(v => ActivationList(v));

        /// <summary><c>HiddenActivations = null</c>: the same as not writing it.</summary>
        private static readonly Named NullActivationList = new("HiddenActivations", "null", NamedKind.Valid, 0);

        /// <summary>
        /// Named arguments that make a valid network with these sizes: the hidden layers' activations in one of
        /// the two forms (or none), an output layer with a loss derived for it (a softmax only on two outputs or
        /// more, now and then with the quadratic cost, which only warns), and a precision, in either order.
        /// </summary>
        private static Gen<ImmutableArray<Named>> ValidNamedFor(ImmutableArray<int> sizes)
        {
            int hiddenLayers = Math.Max(sizes.Length - 2, 0);
            int outputs = sizes.Length == 0 ? 0 : sizes[^1];
            Gen<Named?[]> hidden = Gen.Frequency(
                (10, Gen.Const(new Named?[] { null })),
                (6, ValidActivation("HiddenActivation", Elementwise).Select(n => new Named?[] { n })),
                (4, AnyActivationList(Gen.Const(hiddenLayers), Elementwise).Select(n => new Named?[] { n })),
                (1, Gen.Const(new Named?[] { NullActivationList })));

            var outputChoices = new List<(int, IGen<Named?[]>)>
            {
                (8, Gen.Const(new Named?[] { null, null })),
                (6, ValidActivation("OutputActivation", Elementwise).Select(n => new Named?[] { n, null })),
                (2, Gen.Select(ValidActivation("OutputActivation", Elementwise), ValidLoss(Gen.Const(MeanSquaredError)), (o, l) => new Named?[] { o, l })),
                (2, ValidLoss(Gen.Const(BinaryCrossEntropy)).Select(l => new Named?[] { null, l })),
                (2, Gen.Select(ValidActivation("OutputActivation", Gen.Const(Sigmoid)), ValidLoss(Gen.Const(BinaryCrossEntropy)), (o, l) => new Named?[] { o, l })),
            };
            if (outputs >= 2)
            {
                outputChoices.Add((5, Gen.Select(ValidActivation("OutputActivation", Gen.Const(Softmax)), ValidLoss(Gen.Const(CrossEntropy)), (o, l) => new Named?[] { o, l })));
                outputChoices.Add((1, ValidActivation("OutputActivation", Gen.Const(Softmax)).Select(o => new Named?[] { o, null })));
            }

            return Gen.Select(hidden, Gen.Frequency(outputChoices.ToArray()), ValidPrecision.Null(0.6), Gen.Bool, (h, o, precision, reversed) =>
            {
                var named = h.Concat(o).Append(precision).OfType<Named>();
                return (reversed ? named.Reverse() : named).ToImmutableArray();
            });
        }

        /// <summary>
        /// A named argument that breaks a model rule (BP0020 to BP0025): a loss for another output, a list of the
        /// wrong length, the softmax in a hidden layer, both hidden forms at once, the softmax with the quadratic
        /// cost. The sizes it meets may add BP0023 (a softmax on one output).
        /// </summary>
        private static readonly Gen<ImmutableArray<Named>> ModelDefect = Gen.OneOf(
            Gen.Select(ValidActivation("OutputActivation", Gen.Int[1, 4]).Null(0.3), ValidLoss(Gen.Const(CrossEntropy)), (o, l) => new Named?[] { o, l }),
            Gen.Select(ValidActivation("OutputActivation", Gen.Int[1, 5]), ValidLoss(Gen.Const(BinaryCrossEntropy)), (o, l) => new Named?[] { o, l }),
            Gen.Select(ValidActivation("OutputActivation", Gen.Const(Softmax)), ValidLoss(Gen.Const(MeanSquaredError)).Null(0.5), (o, l) => new Named?[] { o, l }),
            Gen.Select(ValidActivation("OutputActivation", Gen.Const(Softmax)), ValidLoss(Gen.Const(CrossEntropy)), (o, l) => new Named?[] { o, l }),
            AnyActivationList(Gen.Int[0, 4], Elementwise).Select(n => new Named?[] { n }),
            ValidActivation("HiddenActivation", Gen.Const(Softmax)).Select(n => new Named?[] { n }),
            AnyActivationList(Gen.Int[1, 3], Gen.Frequency((3, Elementwise), (1, Gen.Const(Softmax)))).Select(n => new Named?[] { n }),
            Gen.Select(ValidActivation("HiddenActivation", AnyActivation), AnyActivationList(Gen.Int[0, 3], AnyActivation), (h, l) => new Named?[] { h, l }))
            .Select(named => named.OfType<Named>().ToImmutableArray());

        /// <summary>A number that is no member of its enum (BP0009), alone or in the list.</summary>
        private static readonly Gen<Named> UnknownValue = Gen.OneOf(
            Gen.OneOf(
                new Named("HiddenActivation", "(Activation)42", NamedKind.UnknownValue, 42),
                new Named("OutputActivation", "(Activation)(-1)", NamedKind.UnknownValue, -1),
                new Named("HiddenActivation", "(Activation)6", NamedKind.UnknownValue, 6),
                new Named("OutputActivation", "(Activation)6", NamedKind.UnknownValue, 6),
                new Named("Precision", "(Precision)(-1)", NamedKind.UnknownValue, -1),
                new Named("Precision", "(Precision)2", NamedKind.UnknownValue, 2),
                new Named("Loss", "(Loss)3", NamedKind.UnknownValue, 3),
                new Named("Loss", "(Loss)(-1)", NamedKind.UnknownValue, -1)),
            Gen.Select(Gen.Int[0, 2], Elementwise, Gen.OneOf(6, 42, -1), (at, valid, unknown) => at switch
            {
                0 => new[] { unknown },
                1 => new[] { valid, unknown },
                _ => new[] { unknown, valid, Softmax },
            }).SelectMany(values => ActivationList(values, NamedKind.UnknownValue)));

        /// <summary>A named argument the compiler rejects: a wrong type, an unknown or read-only property.</summary>
        private static readonly Gen<Named> BadNamed = Gen.OneOf(
            new Named("HiddenActivation", "3", NamedKind.BindError, 0),
            new Named("OutputActivation", "Precision.Double", NamedKind.BindError, 0),
            new Named("Precision", "Activation.Tanh", NamedKind.BindError, 0),
            new Named("HiddenActivation", "\"Tanh\"", NamedKind.BindError, 0),
            new Named("Loss", "\"CrossEntropy\"", NamedKind.BindError, 0),
            new Named("Loss", "Activation.Softmax", NamedKind.BindError, 0),
            new Named("HiddenActivations", "Activation.Tanh", NamedKind.BindError, 0),
            new Named("HiddenActivations", "new[] { 1, 2 }", NamedKind.BindError, 0),
            new Named("HiddenActivations", "new[] { Activation.ReLU, 0 }", NamedKind.BindError, 0),
            new Named("HiddenActivations", "new int[] { 1 }", NamedKind.BindError, 0),
            new Named("Unknown", "1", NamedKind.BindError, 0),
            new Named("LayerSizes", "null", NamedKind.BindError, 0),
            new Named("Activation", "Activation.Tanh", NamedKind.BindError, 0));

        private static Gen<ImmutableArray<Named>> Replacing(Gen<ImmutableArray<Named>> named, Gen<ImmutableArray<Named>> extra) =>
            Gen.Select(named, extra, (valid, more) => valid.Where(n => more.All(m => m.Name != n.Name)).Concat(more).ToImmutableArray());

        private static Gen<ImmutableArray<Named>> One(Gen<Named> named) => named.Select(n => ImmutableArray.Create(n));

        private static readonly Gen<ImmutableArray<Named>> AnyNamed =
            Gen.Frequency(
                (4, ValidActivation("HiddenActivation", AnyActivation)),
                (3, ValidActivation("OutputActivation", AnyActivation)),
                (2, ValidPrecision),
                (3, ValidLoss(Gen.Int[0, 2])),
                (2, AnyActivationList(Gen.Int[0, 4], AnyActivation)),
                (1, UnknownValue),
                (1, BadNamed))
                .Array[0, 4].Select(named => named.ToImmutableArray());

        // --- The attribute ----------------------------------------------------------------------------------

        private static readonly Gen<string> AttributeName = Gen.Frequency(
            (8, Gen.Const("Network")),
            (1, Gen.Const("NetworkAttribute")),
            (1, Gen.Const("Backprop.Network")),
            (1, Gen.Const("global::Backprop.NetworkAttribute")));

        private static Gen<Attr> AttrOf(Gen<Sizes> sizes, Func<Sizes, Gen<ImmutableArray<Named>>> named) =>
            Gen.Select(AttributeName, sizes, (name, s) => (name, s)).SelectMany(p => named(p.s).Select(n => new Attr(p.name, p.s, n)));

        private static readonly Gen<Attr> ValidAttr = AttrOf(ValidSizes, s => ValidNamedFor(s.Values));

        /// <summary>Valid sizes whose output layer has one neuron, for a softmax that cannot learn (BP0023).</summary>
        private static readonly Gen<Sizes> OneOutput = ValidSizes.Select(s => s with { Items = s.Items.SetItem(s.Items.Length - 1, new SizeArg("1", 1)) });

        private static readonly Gen<ImmutableArray<Named>> SoftmaxOutput =
            Gen.Select(ValidActivation("OutputActivation", Gen.Const(Softmax)), ValidLoss(Gen.Const(CrossEntropy)).Null(0.3), (o, l) => new Named?[] { o, l }.OfType<Named>().ToImmutableArray());

        private static readonly Gen<Attr> DefectAttr = Gen.Frequency(
            (4, AttrOf(DefectSizes, s => ValidNamedFor(s.Values))),
            (3, AttrOf(ValidSizes, s => Replacing(ValidNamedFor(s.Values), ModelDefect))),
            (1, AttrOf(OneOutput, s => Replacing(ValidNamedFor(s.Values), SoftmaxOutput))),
            (1, AttrOf(ValidSizes, s => Replacing(ValidNamedFor(s.Values), One(UnknownValue)))),
            (1, AttrOf(ValidSizes, s => Replacing(ValidNamedFor(s.Values), One(BadNamed)))));

        private static readonly Gen<Attr> AnyAttr = Gen.Select(AttributeName, AnySizes, AnyNamed, (name, sizes, named) => new Attr(name, sizes, named));

        // --- Members ----------------------------------------------------------------------------------------

        private static Func<Facts, bool> Always => _ => true;

        private static Func<Facts, bool> Never => _ => false;

        private static readonly Member[] NeutralMembers =
        {
            new("internal int Name { get; set; }", Never),
            new("internal static void Helper() { }", Never),
            new("internal sealed class Inner { }", Never),
            new("internal static int Forwardness;", Never),
            new("internal const int InputSizes = 1;", Never),
            new("static {N}() { }", Never),
            new("internal int this[int index] => index;", Never),
            new("~{N}() { }", Never),
            new("public static int operator +({N} left, int right) => right;", Never),
            new("internal event System.Action? Trained;", Never),
            // Explicit implementations of members the generated class implements implicitly: legal.
            new("Activation INeuralNetwork.GetActivation(int layer) => Activation.Sigmoid;", Never),
            new("void global::Backprop.INeuralNetwork.InitializeParameters(int seed) { }", Never),
        };

        /// <summary>Members that read a primary constructor's seed: in a member (BP0037 when the class has one; CS0103 when not), or in an initializer only.</summary>
        private static readonly Member[] SeedReaders =
        {
            new("internal int SeedValue => seed;", Never, CapturesSeed: true),
            new("internal int SeedTwice { get; } = 2 * seed;", Never),
        };

        /// <summary>Overloads of generated methods, which C# allows and the generator must not report.</summary>
        private static readonly Member[] LegalOverloads =
        {
            new("internal void Forward(int steps) { }", Never),
            new("internal void Forward<TValue>(System.ReadOnlySpan<float> input, System.Span<float> output) { }", Never),
            new("internal void Forward(System.ReadOnlySpan<float> input, System.Span<float> output, int extra) { }", Never),
            new("internal int Bias(int layer) => layer;", Never),
            new("internal void InitializeParameters(long seed) { }", Never),
            new("internal static void Backward(string message) { }", Never),
            new("internal void TrainStep(float[] batch) { }", Never),
            new("internal int Layer9Size => 9;", Never),
            new("internal static void InitializeParameters<TSeed>(TSeed seed) { }", Never),
            // C# allows overloads that differ in 'in' alone, and prefers the by-value one for a plain call.
            new("internal void Forward(in System.ReadOnlySpan<float> input, System.Span<float> output) { }", Never),
            // Same types, other precision: an overload for one precision, a collision for the other.
            new("internal void Forward(System.ReadOnlySpan<double> input, System.Span<double> output) { }", f => f.IsDouble),
            new("internal void Forward(System.ReadOnlySpan<float> input, System.Span<float> output) { }", f => !f.IsDouble),
        };

        private static readonly Member[] Constructors =
        {
            new("internal {N}(string name, int seed) : this(seed) { _ = name; }", Never),
            new("internal {N}(long seed) { InitializeParameters((int)seed); }", Never),
            new("internal {N}(bool reset) : this() { _ = reset; }", Never),
            new("internal {N}(float scale) { this.InitializeParameters(3); _ = scale; }", Never),
            new("internal {N}(byte value) : this(seed: value) { }", Never),
            new("internal {N}(string name) { _ = name; }", Never, LeavesParametersAtZero: true),
            new("internal {N}(double scale) : base() { _ = scale; }", Never, LeavesParametersAtZero: true),
            new("internal {N}(char letter) { }", Never, LeavesParametersAtZero: true),
        };

        /// <summary>Members with the name (and, for methods, the parameter types) of a generated one: BP0007.</summary>
        private static readonly Member[] Collisions =
        {
            new("internal int InputSize => 3;", Always),
            new("internal int OutputSize;", Always),
            new("internal System.Span<float> Parameters => default;", Always),
            new("private readonly float[] _parameters = new float[1];", Always),
            new("private static readonly int[] s_layerSizes = new int[0];", Always),
            new("internal int LayerCount { get; set; }", Always),
            new("internal const int Layer2Size = 1;", f => f.Layers >= 2),
            new("internal const int Layer3Size = 1;", f => f.Layers >= 3),
            new("internal const int Layer5Size = 1;", f => f.Layers >= 5),
            new("internal void Forward(System.ReadOnlySpan<float> input, System.Span<float> output) { }", f => !f.IsDouble),
            new("internal void Forward(ReadOnlySpan<Single> input, Span<System.Single> output) { }", f => !f.IsDouble),
            new("internal void Forward(System.ReadOnlySpan<double> input, System.Span<double> output) { }", f => f.IsDouble),
            new("internal float TrainStep(System.ReadOnlySpan<float> input, System.ReadOnlySpan<float> target, float learningRate) => 0;", f => !f.IsDouble),
            new("internal double TrainBatch(System.ReadOnlySpan<double> inputs, System.ReadOnlySpan<double> targets, double learningRate) => 0;", f => f.IsDouble),
            new("internal {N}() { }", f => !f.HasPrimaryConstructor),
            new("internal {N}(int seed) { _ = seed; }", f => !f.HasPrimaryConstructor),
            new("internal {N}(System.Int32 seed) : this() { _ = seed; }", f => !f.HasPrimaryConstructor),
            new("internal sealed class Forward { }", Always),
            new("internal event System.Action? Backward;", Always),
            new("internal int Weight;", Always),
            new("internal int Bias(int layer, int neuron) => layer + neuron;", Always),
            new("internal void InitializeParameters(int seed) { }", Always),
            new("internal string GetActivation(int layer) => \"\";", Always),
            new("internal static int WeightIndex(int layer, int row, int column) => 0;", Always),
            new("internal static void DrawParameters() { }", Always),
            new("private int CreateParameters;", Always),
            new("private static float SigmoidNotInlined(float z) => z;", f => !f.IsDouble),
            new("internal static double TanhNotInlined(double z) => z;", f => f.IsDouble),
            // Explicit implementations of the INeuralNetwork properties the generated class implements explicitly.
            new("int INeuralNetwork.InputSize => 3;", Always),
            new("int global::Backprop.INeuralNetwork.LayerCount => 1;", Always),
            new("Loss Backprop.INeuralNetwork.Loss => Loss.MeanSquaredError;", Always),
        };

        /// <summary>Members that no rule covers but that generated code might trip over: a type named like a keyword it uses.</summary>
        private static readonly Member[] HostileMembers =
        {
            new("internal sealed class var { }", Never),
            new("internal sealed class global { }", Never),
        };

        private static readonly Gen<Member> ValidMember = Gen.Frequency(
            (3, Gen.OneOf(NeutralMembers)),
            (3, Gen.OneOf(LegalOverloads)),
            (3, Gen.OneOf(Constructors)),
            (1, Gen.OneOf(SeedReaders)));

        private static readonly Gen<ImmutableArray<Member>> ValidMembers = ValidMember.Array[0, 4].Select(Distinct);

        private static readonly Gen<ImmutableArray<Member>> DefectMembers =
            Gen.Select(ValidMember.Array[0, 3], Gen.OneOf(Collisions), Gen.Int[0, 9], (members, collision, at) => Distinct(members.Take(at % (members.Length + 1)).Append(collision).Concat(members.Skip(at % (members.Length + 1)))));

        private static readonly Gen<ImmutableArray<Member>> AnyMembers =
            Gen.Frequency((6, ValidMember), (2, Gen.OneOf(Collisions)), (1, Gen.OneOf(HostileMembers))).Array[0, 5].Select(Distinct);

        private static ImmutableArray<Member> Distinct(IEnumerable<Member> members) =>
            members.DistinctBy(m => m.Template, StringComparer.Ordinal).ToImmutableArray();

        private static ImmutableArray<Member> Distinct(Member[] members) => Distinct((IEnumerable<Member>)members);

        // --- Base classes -----------------------------------------------------------------------------------

        private static readonly BaseClass[] ValidBases =
        {
            BaseClass.None,
            new("public class {B} { }", "{B}", Never),
            new("public abstract class {B} { protected {B}() { } }", "{B}", Never),
            new("public class {B} { public {B}(int size = 0) { _ = size; } }", "{B}", Never),
            new("public class {B} { public {B}(params int[] sizes) { _ = sizes; } }", "{B}", Never),
            new("public class {B}<T> { }", "{B}<int>", Never),
            new("", "System.Exception", Never),
            new("public class {B} { private int _parameters; public int Size => _parameters; }", "{B}", Never),
            new("public class {B} { public void Forward(int steps) { } }", "{B}", Never),
        };

        private static readonly BaseClass[] DefectBases =
        {
            new("public class {B} { public {B}(int size) { _ = size; } }", "{B}", Never, LacksParameterlessConstructor: true),
            new("public class {B} { private {B}() { } public {B}(int size) { _ = size; } }", "{B}", Never, LacksParameterlessConstructor: true),
            new("public class {B} { public int Parameters => 0; }", "{B}", Always),
            new("public class {B} { public const int InputSize = 1; }", "{B}", Always),
            new("public class {B} { internal static int LayerCount; }", "{B}", Always),
            new("public class {B} { protected void Forward(System.ReadOnlySpan<float> input, System.Span<float> output) { } }", "{B}", f => !f.IsDouble),
            new("public class {B}Root { public int Weight; } public class {B} : {B}Root { }", "{B}", Always),
            // A base that is a network itself: its members are generated, and the derived network's would hide them (BP0019).
            new("[Network(2, 2)] public partial class {B} { }", "{B}", Never, IsNetwork: true),
        };

        private static readonly BaseClass[] HostileBases =
        {
            new("public sealed class {B} { }", "{B}", Never, Unspecified: true),
        };

        // --- Containers, modifiers, parts -------------------------------------------------------------------

        private static readonly Gen<(string Keyword, string Modifiers)> ContainerKind = Gen.OneOf(
            ("class", ""), ("class", "static"), ("class", "abstract"), ("class", "sealed"), ("class", "file"), ("struct", "file"),
            ("struct", ""), ("struct", "readonly"), ("struct", "ref"),
            ("record", ""), ("record", "sealed"), ("record struct", ""), ("record struct", "readonly"),
            ("interface", ""));

        private static Gen<Container> ContainerOf(Gen<bool> partial, Gen<bool> generic) =>
            Gen.Select(Gen.OneOf("", "internal", "public"), ContainerKind, partial, generic,
                (access, kind, isPartial, isGeneric) => new Container(kind.Modifiers == "file" ? "" : access, kind.Modifiers, kind.Keyword, isPartial, isGeneric));

        private static readonly Gen<ImmutableArray<Container>> ValidContainers =
            ContainerOf(Gen.Const(true), Gen.Const(false)).Where(c => c.Modifiers != "file").Array[0, 2].Select(c => c.ToImmutableArray());

        private static readonly Gen<ImmutableArray<Container>> DefectContainers =
            Gen.Select(ContainerOf(Gen.Const(true), Gen.Const(false)).Where(c => c.Modifiers != "file").Array[1, 2], Gen.Int[0, 2], Gen.Bool, (containers, which, generic) =>
            {
                // Not partial, generic, or a file-local outermost type (BP0016).
                if (which == 2)
                {
                    containers[0] = containers[0] with { Access = "", Modifiers = "file", Keyword = "class" };
                    return containers.ToImmutableArray();
                }

                int at = which % containers.Length;
                containers[at] = generic ? containers[at] with { Generic = true } : containers[at] with { Partial = false };
                return containers.ToImmutableArray();
            });

        private static readonly Gen<ImmutableArray<Container>> AnyContainers =
            ContainerOf(Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false))), Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))))
                .Array[0, 2].Select(c => c.ToImmutableArray());

        /// <summary>The attributed declaration: access, modifiers, partial, generic, and a primary constructor's parameter list (or none).</summary>
        private sealed record Declaration(string Access, string Modifiers, bool Partial, bool Generic, string? PrimaryParameters = null);

        /// <summary>Primary constructors (C# 12): with a seed the generator reads, with one it does not, and without.</summary>
        private static readonly Gen<string?> PrimaryParameters = Gen.Frequency<string?>(
            (10, Gen.Const((string?)null)),
            (2, Gen.OneOf<string?>("(int seed)", "(string name, int seed)")),
            (1, Gen.OneOf<string?>("()", "(string name)", "(long seed)", "(in int seed)")));

        private static readonly Gen<Declaration> ValidDeclaration =
            Gen.Select(Gen.OneOf("", "internal", "public"), Gen.OneOf("", "", "abstract", "sealed"), PrimaryParameters,
                (access, modifiers, primary) => new Declaration(access, modifiers, true, false, primary));

        private static readonly Gen<Declaration> DefectDeclaration = Gen.Select(ValidDeclaration, Gen.Int[0, 3], (d, which) => which switch
        {
            0 => d with { Partial = false },
            1 => d with { Modifiers = "static" },
            2 => d with { Access = "", Modifiers = "file" },
            _ => d with { Generic = true },
        });

        private static readonly Gen<Declaration> AnyDeclaration = Gen.Select(
            Gen.OneOf("", "internal", "public"),
            Gen.OneOf("", "abstract", "sealed", "static", "file", "abstract sealed", "file sealed", "static abstract"),
            Gen.Frequency((5, Gen.Const(true)), (1, Gen.Const(false))),
            Gen.Frequency((5, Gen.Const(false)), (1, Gen.Const(true))),
            PrimaryParameters,
            (access, modifiers, partial, generic, primary) => new Declaration(modifiers.Contains("file", StringComparison.Ordinal) ? "" : access, modifiers, partial, generic, primary));

        private static readonly Gen<string> ExtraAttribute = Gen.Frequency(
            (16, Gen.Const("")),
            (2, Gen.Const("[System.Serializable]")),
            (2, Gen.Const("[System.Obsolete(\"Use another network.\")]")),
            (1, Gen.Const("[System.Obsolete(\"Gone.\", true)]")),
            (2, Gen.Const("[System.Diagnostics.DebuggerDisplay(\"{Name}\")]")),
            (1, Gen.Const("[System.CLSCompliant(false)]")),
            (1, Gen.Const("[System.Runtime.InteropServices.Guid(\"0F3E2A4C-5B6D-4E7F-8A9B-0C1D2E3F4A5B\")]")),
            (1, Gen.Const("[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]")),
            (1, Gen.Const("[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto, Pack = 4)]")),
            // Attributes the generated members cannot live with: BP0035 and BP0036.
            (1, Gen.Const("[System.Runtime.InteropServices.ComImport, System.Runtime.InteropServices.Guid(\"0F3E2A4C-5B6D-4E7F-8A9B-0C1D2E3F4A5B\")]")),
            (1, Gen.Const("[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)]")));

        /// <summary>An attribute of the whole assembly, written once per file.</summary>
        private static readonly Gen<string> AssemblyAttribute = Gen.Frequency(
            (6, Gen.Const("")),
            (2, Gen.Const("[assembly: System.CLSCompliant(true)]")),
            (1, Gen.Const("[assembly: System.CLSCompliant(false)]")));

        /// <summary>The second declaration of the class, if any, and whether it comes first in the file.</summary>
        private enum OtherPart { None, Plain, CarriesTheAttribute, DuplicateAttribute, Static, NotPartial }

        private static readonly Gen<OtherPart> ValidOtherPart = Gen.Frequency(
            (6, Gen.Const(OtherPart.None)), (2, Gen.Const(OtherPart.Plain)), (1, Gen.Const(OtherPart.CarriesTheAttribute)), (1, Gen.Const(OtherPart.DuplicateAttribute)));

        private static readonly Gen<OtherPart> DefectOtherPart = Gen.OneOf(OtherPart.Static, OtherPart.NotPartial, OtherPart.DuplicateAttribute);

        private static readonly Gen<OtherPart> AnyOtherPart = Gen.OneOf(Enum.GetValues<OtherPart>());

        private static readonly Gen<string?> ValidName = Gen.Frequency<string?>((12, null), (1, "@class"), (1, "Layer9Size"));

        /// <summary>Class names that are generated member names (BP0012), some only for enough layers.</summary>
        private static readonly Gen<string?> DefectName = Gen.OneOf<string?>("Forward", "Parameters", "InputSize", "_parameters", "Layer2Size", "Layer4Size");

        private static readonly Gen<Shape> DefectShape = Gen.OneOf(Shape.Record, Shape.RecordClass, Shape.Struct, Shape.RecordStruct, Shape.Interface, Shape.Enum);

        private static readonly Gen<string> ValidNeighbor = Gen.OneOf("", "", "", "internal sealed class Forward { }", "internal interface INeuralNetwork<T> { }", "internal static class NetworkGuard { }");

        private static readonly Gen<string?> BlockNamespace = Gen.OneOf<string?>(null, null, "Space{i}", "K{i}.@class", "Outer{i}.Inner");

        /// <summary>
        /// File names a user can write: every character that breaks a comment, a string literal or XML (line terminators,
        /// control characters, surrogates), quotes, and the other literal forms of C#. Most come with the file.
        /// </summary>
        private static readonly Gen<WeightsName?> Weights = Gen.Frequency<WeightsName?>(
            (16, Gen.Const((WeightsName?)null)),
            (1, Gen.Select(
                Gen.OneOf(
                    ("\"u{i}-model.json\"", "u{i}-model.json"),
                    ("\"u{i}-m\\nodel.json\"", "u{i}-m\nodel.json"),
                    ("\"u{i}-m\\r\\nodel.json\"", "u{i}-m\r\nodel.json"),
                    ("\"u{i}-\\u0085\\u2028\\u2029.json\"", "u{i}-\u0085\u2028\u2029.json"),
                    ("\"u{i}-\\0\\a\\u001B\\u007F.json\"", "u{i}-\0\a\u001B\u007F.json"),
                    ("\"u{i}-\\uD800 \\uDFFF.json\"", "u{i}-\uD800 \uDFFF.json"),
                    ("\"u{i}-\\U0001F600 <&> '\\\" --.json\"", "u{i}-\U0001F600 <&> '\" --.json"),
                    ("@\"u{i}-\"\"verbatim\"\" {x}.json\"", "u{i}-\"verbatim\" {x}.json"),
                    ("\"\"\"u{i}-\"raw\" */ .json\"\"\"", "u{i}-\"raw\" */ .json"),
                    ("\"u{i}-\\t\\v\\f\\x41.json\"", "u{i}-\t\v\fA.json")),
                Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false))),
                (name, withFile) => (WeightsName?)new WeightsName(name.Item1, name.Item2, withFile))));

        // --- Units and files --------------------------------------------------------------------------------

        /// <summary>Valid by construction when <paramref name="defect"/> is -1; otherwise dimension <paramref name="defect"/> has a defect.</summary>
        private static Gen<Unit> UnitWith(int defect, bool chaos)
        {
            Gen<T> Pick<T>(int dimension, Gen<T> valid, Gen<T> broken, Gen<T> any) =>
                chaos ? any : dimension == defect ? broken : valid;

            var shape = Pick(0, Gen.Const(Shape.Class), DefectShape, Gen.Frequency((6, Gen.Const(Shape.Class)), (1, DefectShape)));
            var name = Pick(1, ValidName, DefectName, Gen.Frequency((3, ValidName), (1, DefectName)));
            var containers = Pick(2, ValidContainers, DefectContainers, AnyContainers);
            var declaration = Pick(3, ValidDeclaration, DefectDeclaration, AnyDeclaration);
            var attribute = Pick(4, ValidAttr, DefectAttr, AnyAttr);
            var baseClass = Pick(5, Gen.OneOf(ValidBases), Gen.OneOf(DefectBases), Gen.Frequency((6, Gen.OneOf(ValidBases)), (3, Gen.OneOf(DefectBases)), (1, Gen.OneOf(HostileBases))));
            var members = Pick(6, ValidMembers, DefectMembers, AnyMembers);
            var otherPart = Pick(7, ValidOtherPart, DefectOtherPart, AnyOtherPart);
            var neighbor = Pick(8, ValidNeighbor, ValidNeighbor, Gen.Frequency((6, ValidNeighbor), (1, Gen.Const("internal sealed class var { }"))));

            var parts = Gen.Select(declaration, attribute, otherPart, ValidAttr, ValidMembers, ExtraAttribute, Gen.Bool, Gen.Bool,
                (d, attr, other, secondAttr, otherMembers, extra, oneList, twoOnFirst) => new PartChoices(d, attr, other, secondAttr, otherMembers, extra, oneList, twoOnFirst));

            var surroundings = Gen.Select(neighbor, BlockNamespace, Weights, (n, ns, w) => (Neighbor: n, Namespace: ns, Weights: w));
            return Gen.Select(shape, name, containers, parts, baseClass, members, surroundings, (sh, n, c, p, b, m, around) =>
                BuildUnit(sh, n, c, p, b, m, around.Neighbor, around.Namespace) with { Weights = sh == Shape.Class ? around.Weights : null });
        }

        /// <summary>Everything drawn about the class's declarations, before they are put together.</summary>
        private sealed record PartChoices(
            Declaration Declaration, Attr Attr, OtherPart Other, Attr SecondAttr, ImmutableArray<Member> OtherMembers, string Extra, bool OneList, bool TwoOnFirst);

        private static Unit BuildUnit(
            Shape shape, string? name, ImmutableArray<Container> containers, PartChoices choices,
            BaseClass baseClass, ImmutableArray<Member> members, string neighbor, string? blockNamespace)
        {
            (Declaration declaration, Attr attr, OtherPart other, Attr secondAttr, ImmutableArray<Member> otherMembers, string extra, bool oneList, bool twoOnFirst) = choices;
            if (shape is Shape.Struct or Shape.RecordStruct or Shape.Interface or Shape.Enum)
            {
                // The attribute where it does not belong: nothing else matters.
                var lone = new Part(declaration.Access, "", shape != Shape.Enum, ImmutableArray.Create(attr), false, "", ImmutableArray<Member>.Empty);
                return new Unit(shape, null, false, containers, ImmutableArray.Create(lone), BaseClass.None, blockNamespace, neighbor);
            }

            var attributes = twoOnFirst ? ImmutableArray.Create(attr, secondAttr) : ImmutableArray.Create(attr);
            var main = new Part(declaration.Access, declaration.Modifiers, declaration.Partial, attributes, oneList, extra, members, declaration.PrimaryParameters);
            // The second part declares none of the first part's members: a member written twice is only an error of
            // the user's code, which generating the class can turn into another (CS0540 into CS8646).
            otherMembers = otherMembers.Where(m => !members.Any(first => first.Template == m.Template)).ToImmutableArray();
            var plain = new Part("", "", true, ImmutableArray<Attr>.Empty, false, "", otherMembers);
            ImmutableArray<Part> parts = other switch
            {
                OtherPart.Plain => ImmutableArray.Create(main, plain),
                OtherPart.CarriesTheAttribute => ImmutableArray.Create(plain, main),
                OtherPart.DuplicateAttribute => ImmutableArray.Create(main, plain with { Attributes = ImmutableArray.Create(secondAttr) }),
                OtherPart.Static => ImmutableArray.Create(main, plain with { Modifiers = "static", Members = ImmutableArray<Member>.Empty }),
                OtherPart.NotPartial => ImmutableArray.Create(main, plain with { Partial = false }),
                _ => ImmutableArray.Create(main),
            };

            return new Unit(shape, name, declaration.Generic, containers, parts, baseClass, blockNamespace, neighbor);
        }

        private const int Dimensions = 9;

        private static readonly Gen<Unit> Units = Gen.Frequency(
            (25, UnitWith(-1, chaos: false)),
            (45, Gen.Int[0, Dimensions - 1].SelectMany(defect => UnitWith(defect, chaos: false))),
            (30, UnitWith(-1, chaos: true)));

        private static readonly Gen<HostileFile> Files = Gen.Select(
            Gen.OneOf<string?>(null, null, null, "A.B", "A.@event"),
            AssemblyAttribute,
            Gen.Frequency((6, Gen.Const(1)), (3, Gen.Const(2)), (1, Gen.Const(3))).SelectMany(n => Units.Array[n, n]),
            (ns, assembly, units) => new HostileFile(ns, assembly, units.ToImmutableArray()));
    }
}
