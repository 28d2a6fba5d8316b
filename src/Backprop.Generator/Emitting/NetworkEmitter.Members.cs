using System.Linq;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

internal sealed partial class NetworkEmitter
{
    private void WriteConstants()
    {
        int layerCount = Model.LayerCount;
        WriteDocumentation("<summary>The number of layers L, input layer included.</summary>");
        _writer.WriteLine($"public const int {GeneratedMembers.LayerCount} = {layerCount};");

        WriteDocumentation("<summary>The number of inputs: the size of layer 1.</summary>");
        _writer.WriteLine($"public const int {GeneratedMembers.InputSize} = {GeneratedMembers.LayerSize(1)};");

        WriteDocumentation($"<summary>The number of outputs: the size of layer {layerCount}.</summary>");
        _writer.WriteLine($"public const int {GeneratedMembers.OutputSize} = {GeneratedMembers.LayerSize(layerCount)};");

        WriteDocumentation(
            "<summary>",
            $"The number of weights and biases: the length of <see cref=\"{GeneratedMembers.Parameters}\"/> and of a gradient.",
            "</summary>");
        _writer.WriteLine($"public const int {GeneratedMembers.ParameterCount} = {Plan.ParameterCount};");

        WriteDocumentation(
            "<summary>",
            "The multiply-adds of one <c>Forward</c> per sample: one per weight, eq. 1's matrix products. What a",
            "call costs grows with it; divided by the machine's multiply-adds per second, it is the call's floor.",
            "</summary>");
        _writer.WriteLine(Invariant.Format($"public const long {GeneratedMembers.ForwardMultiplyAdds} = {(long)NetworkCost.ForwardMultiplyAdds(Model.LayerSizes)};"));

        WriteDocumentation(
            "<summary>",
            "The multiply-adds of one training step per sample (<c>TrainStep</c>, and each row of <c>TrainBatch</c>): eq. 1",
            "forward, eq. 4 back through every layer above layer 2, and eq. 5's outer product, one per weight each.",
            "</summary>");
        _writer.WriteLine(Invariant.Format($"public const long {GeneratedMembers.TrainStepMultiplyAdds} = {(long)NetworkCost.TrainStepMultiplyAdds(Model.LayerSizes)};"));

        WriteDocumentation(Invariant.Format($"<summary>The bytes of the weights and biases: <see cref=\"{GeneratedMembers.ParameterCount}\"/> {Scalar} values of {Number.Size} bytes.</summary>"));
        _writer.WriteLine(Invariant.Format($"public const long {GeneratedMembers.ParameterBytes} = {(long)NetworkCost.ParameterBytes(Model.LayerSizes, Number.Size)};"));

        WriteDocumentation(
            "<summary>",
            "The most bytes of stack buffers one call takes, of any method (the batch methods with the methods they call):",
            "activations, deltas, dropout masks and a batch gradient that fits the stack. The JIT's own frames are not counted.",
            "</summary>");
        _writer.WriteLine(Invariant.Format($"public const long {GeneratedMembers.StackBytes} = {new StackUse(Plan).MostPerCall};"));

        for (int l = 1; l <= layerCount; l++)
        {
            string role = l == 1 ? "the input layer" : l == layerCount ? "the output layer" : "a hidden layer";
            WriteDocumentation(Invariant.Format($"<summary>The number of neurons in layer {l}, {role}.</summary>"));
            _writer.WriteLine($"public const int {GeneratedMembers.LayerSize(l)} = {Model.LayerSizes[l - 1]};");
        }
    }

    private void WriteFields()
    {
        string sizes = string.Join(", ", Enumerable.Range(1, Model.LayerCount).Select(GeneratedMembers.LayerSize));

        _writer.WriteLine();
        _writer.WriteLine("// The layer sizes for INeuralNetwork.LayerSizes: an array made once, so that no call allocates.");
        _writer.WriteLine($"private static readonly int[] {GeneratedMembers.LayerSizesField} = {{ {sizes} }};");

        _writer.WriteLine();
        _writer.WriteLine("// Every weight and bias, layer after layer (see the table in the remarks above): allocated once,");
        _writer.WriteLine(Plan.AlignsMemory
            ? Invariant.Format($"// with the object, and never again; used from its first {SharedConstants.Alignment}-byte boundary (AlignedMemory.Aligned).")
            : "// with the object, and never again.");
        if (Model.Construction == Construction.GeneratedConstructors)
        {
                _writer.WriteLine($"private readonly {Scalar}[] {GeneratedMembers.ParametersField} = {NewParameterArray};");
        }
        else
        {
            (string arguments, string source) = Model.Weights is not null ? ("", "copies the baked parameters.")
                : Model.Construction == Construction.PrimaryConstructorSeed ? (GeneratedMembers.SeedParameter, "draws them from its seed.")
                : ("0", "draws them from seed 0.");
            _writer.WriteLine($"// The primary constructor, which every constructor calls, runs this initializer: it {source}");
                _writer.WriteLine($"private readonly {Scalar}[] {GeneratedMembers.ParametersField} = {GeneratedMembers.CreateParameters}({arguments});");
        }

        if (Model.Weights is { } weights)
        {
            WriteBakedParameters(weights);
        }

        if (Model.HasDropout)
        {
            WriteDropoutField();
        }

        if (Plan.BatchGradientOnFirstUse)
        {
            _writer.WriteLine();
            _writer.WriteLine(Invariant.Format($"// The sum of a batch's blocks before its last ({Format(Plan.ParameterCount * Number.Size)} bytes): allocated by the first BackwardBatch or"));
            _writer.WriteLine(Invariant.Format($"// TrainBatch of more than {BatchBlock.Rows} rows, and kept."));
            _writer.WriteLine($"private {Scalar}[]? {GeneratedMembers.BatchGradientField};");
        }
        else if (!Plan.BatchGradientOnStack)
        {
            _writer.WriteLine();
            _writer.WriteLine($"// TrainBatch's gradient: too large for the stack ({Format(Plan.ParameterCount * Number.Size)} bytes), so it is allocated once, here.");
            _writer.WriteLine($"private readonly {Scalar}[] {GeneratedMembers.BatchGradientField} = {RuntimeTypes.AlignedMemory}.Allocate<{Scalar}>({GeneratedMembers.ParameterCount});");
        }

        if (Plan.UsesRowPasses)
        {
            BatchBlock block = new(Plan);
            _writer.WriteLine();
            string dropout = Plan.Layers.Any(layer => layer.HasDropout) ? ", dropout factors" : "";
            _writer.WriteLine(Plan.StagesInputs
                ? Invariant.Format($"// The block buffer of BackwardBatch and TrainBatch: each layer's a, δ{dropout}, the costs and the input rows if they")
                : Invariant.Format($"// The block buffer of BackwardBatch and TrainBatch: each layer's a, δ{dropout} and the costs of up to {BatchBlock.Rows} rows"));
            _writer.WriteLine(Plan.StagesInputs
                ? Invariant.Format($"// are not on a 64-byte boundary, of up to {BatchBlock.Rows} rows ({block.Bytes(Number.Size)} bytes), allocated by the first block and kept.")
                : Invariant.Format($"// ({block.Bytes(Number.Size)} bytes), allocated by the first block and kept."));
            _writer.WriteLine($"private {Scalar}[]? {GeneratedMembers.BatchRowsField};");
        }
    }

    /// <summary>A new parameter array, zeroed: 64-byte aligned for networks with vector kernels.</summary>
    private string NewParameterArray => Plan.AlignsMemory
        ? $"{RuntimeTypes.AlignedMemory}.Allocate<{Scalar}>({GeneratedMembers.ParameterCount})"
        : $"new {Scalar}[{GeneratedMembers.ParameterCount}]";

    private void WriteConstructors()
    {
        if (Model.Construction != Construction.GeneratedConstructors)
        {
            WriteCreateParameters();
            return;
        }

        if (Model.Weights is { } weights)
        {
            WriteBakedConstructors(weights);
            return;
        }

        WriteMemberHeader(
            "<summary>",
            "Creates the network with the parameters of seed 0: every network made this way starts out the same.",
            "</summary>");
        _writer.WriteLine($"public {Model.ClassName}()");
        using (_writer.Indent())
        {
            _writer.WriteLine(": this(0)");
        }

        _writer.WriteLine("{");
        _writer.WriteLine("}");

        WriteMemberHeader(
            "<summary>Creates the network with parameters drawn from <paramref name=\"seed\"/>.</summary>",
            SeedParameterDocumentation);
        using (_writer.WriteBlock($"public {Model.ClassName}(int seed)"))
        {
            _writer.WriteLine($"{GeneratedMembers.InitializeParameters}(seed);");
        }
    }

    private static string SeedParameterDocumentation =>
        $"<param name=\"seed\">Any value; equal seeds give equal parameters (see <see cref=\"{GeneratedMembers.InitializeParameters}(int)\"/>).</param>";

    /// <summary>
    /// A baked network's constructors: the parameterless one starts from the trained parameters, the seeded one
    /// (like <c>InitializeParameters</c>) still draws fresh random ones, for training from scratch.
    /// </summary>
    private void WriteBakedConstructors(BakedWeights weights)
    {
        string file = Escaping.XmlText(weights.FileName);
        WriteMemberHeader(
            "<summary>",
            $"Creates the network with the trained parameters baked in from <c>{file}</c>",
            "when this file was generated.",
            "</summary>");
        using (_writer.WriteBlock($"public {Model.ClassName}()"))
        {
            _writer.WriteLine(Plan.AlignsMemory
                ? $"new {ReadOnlySpan}({GeneratedMembers.BakedParametersField}).CopyTo({AlignedParameters});"
                : $"{RuntimeTypes.Array}.Copy({GeneratedMembers.BakedParametersField}, {GeneratedMembers.ParametersField}, {GeneratedMembers.ParameterCount});");
        }

        WriteMemberHeader(
            "<summary>",
            "Creates the network with parameters drawn from <paramref name=\"seed\"/> instead of the baked",
            $"ones of <c>{file}</c>.",
            "</summary>",
            SeedParameterDocumentation);
        using (_writer.WriteBlock($"public {Model.ClassName}(int seed)"))
        {
            _writer.WriteLine($"{GeneratedMembers.InitializeParameters}(seed);");
        }
    }

    /// <summary>
    /// The parameters field's initializer in a class with a primary constructor, which writes no constructor of
    /// its own: a new array with the baked parameters, or with parameters drawn from a seed.
    /// </summary>
    private void WriteCreateParameters()
    {
        _writer.WriteLine();
        if (Model.Weights is not null)
        {
            _writer.WriteLine("// A new parameter array holding the baked parameters: the start of every network of this class.");
                using (_writer.WriteBlock($"private static {Scalar}[] {GeneratedMembers.CreateParameters}()"))
            {
                _writer.WriteLine($"{Scalar}[] parameters = {NewParameterArray};");
                _writer.WriteLine($"new {ReadOnlySpan}({GeneratedMembers.BakedParametersField}).CopyTo({UsedPartOf("parameters")});");
                _writer.WriteLine("return parameters;");
            }

            return;
        }

        _writer.WriteLine("// A new parameter array with parameters drawn from seed, as InitializeParameters(seed) draws them.");
        using (_writer.WriteBlock($"private static {Scalar}[] {GeneratedMembers.CreateParameters}(int seed)"))
        {
            _writer.WriteLine($"{Scalar}[] parameters = {NewParameterArray};");
            _writer.WriteLine($"{GeneratedMembers.DrawParameters}({UsedPartOf("parameters")}, seed);");
            _writer.WriteLine("return parameters;");
        }
    }

    private void WriteInterfaceProperties()
    {
        // The constants above already use the interface's names, so the interface sees them through
        // explicit implementations.
        foreach ((string property, string type) in GeneratedMembers.ExplicitInterfaceProperties)
        {
            string value = property switch
            {
                "LayerSizes" => GeneratedMembers.LayerSizesField,
                "Precision" => $"{RuntimeTypes.Precision}.{Model.Precision}",
                "Loss" => $"{RuntimeTypes.Loss}.{Model.Loss}",
                _ => property, // the constant of the same name
            };
            _writer.WriteLine();
            _writer.WriteLine($"{type} {RuntimeTypes.INeuralNetwork}.{property} => {value};");
        }
    }

    private void WriteParameterAccess()
    {
        string parameters = ParametersAs(GeneratedMembers.ParametersField);
        WriteMemberHeader(
            "<summary>",
            "Every weight and bias, in the layout of the table in the remarks above. Writes go straight into the network.",
            "</summary>");
        _writer.WriteLine($"public {Span} {GeneratedMembers.Parameters} => {parameters};");

        WriteMemberHeader("<inheritdoc/>");
        WriteLayerSwitch(
            $"public {RuntimeTypes.Activation} {GeneratedMembers.GetActivation}(int layer) => layer switch",
            layer => ActivationSyntax.EnumMember(layer.Activation));

        WriteMemberHeader("<inheritdoc/>");
        WriteLayerSwitch(
            $"public int {GeneratedMembers.WeightIndex}(int layer, int j, int k) => layer switch",
            layer => Invariant.Format($"{RuntimeTypes.ParameterLayout}.WeightIndex(layer, j, k, neurons: {layer.Neurons}, inputs: {layer.Inputs}, offset: {layer.WeightOffset})"));

        WriteMemberHeader("<inheritdoc/>");
        WriteLayerSwitch(
            $"public int {GeneratedMembers.BiasIndex}(int layer, int j) => layer switch",
            layer => Invariant.Format($"{RuntimeTypes.ParameterLayout}.BiasIndex(layer, j, neurons: {layer.Neurons}, offset: {layer.BiasOffset})"));

        WriteMemberHeader("<inheritdoc/>");
        _writer.WriteLine($"public ref {Scalar} {GeneratedMembers.Weight}(int layer, int j, int k) => ref {parameters}[{GeneratedMembers.WeightIndex}(layer, j, k)];");

        WriteMemberHeader("<inheritdoc/>");
        _writer.WriteLine($"public ref {Scalar} {GeneratedMembers.Bias}(int layer, int j) => ref {parameters}[{GeneratedMembers.BiasIndex}(layer, j)];");
    }

    /// <summary>Writes <c>layer switch { 2 => …, 3 => …, _ => throw … }</c> with one arm per layer.</summary>
    private void WriteLayerSwitch(string header, System.Func<LayerPlan, string> arm)
    {
        _writer.WriteLine(header);
        _writer.WriteLine("{");
        using (_writer.Indent())
        {
            foreach (LayerPlan layer in Plan.Layers)
            {
                _writer.WriteLine($"{layer.Number} => {arm(layer)},");
            }

            _writer.WriteLine($"_ => throw {RuntimeTypes.ParameterLayout}.LayerOutOfRange(layer, {GeneratedMembers.LayerCount}),");
        }

        _writer.WriteLine("};");
    }

    private void WriteInitializeParameters()
    {
        WriteMemberHeader("<inheritdoc/>");
        using (_writer.WriteBlock($"public void {GeneratedMembers.InitializeParameters}(int seed)"))
        {
            _writer.WriteLine($"{GeneratedMembers.DrawParameters}({ParametersAs(GeneratedMembers.ParametersField)}, seed);");
            if (Model.HasDropout)
            {
                _writer.WriteLine($"{GeneratedMembers.DropoutRandomField} = {GeneratedMembers.DropoutRandomOf}(seed);");
            }
        }

        _writer.WriteLine();
        _writer.WriteLine(Model.Construction != Construction.GeneratedConstructors && Model.Weights is null
            ? "// Draws every weight from seed and sets every bias to zero, for InitializeParameters and CreateParameters."
            : "// Draws every weight from seed and sets every bias to zero, for InitializeParameters.");
        using (_writer.WriteBlock($"private static void {GeneratedMembers.DrawParameters}({Span} p, int seed)"))
        {
            _writer.WriteLine($"{RuntimeTypes.DeterministicRandom} random = new {RuntimeTypes.DeterministicRandom}(seed);");
            foreach (LayerPlan layer in Plan.Layers)
            {
                LayerSymbols math = layer.Symbols;
                string name = ActivationSyntax.Name(layer.Activation);
                string weights = Invariant.Format($"p.Slice({layer.WeightOffset}, {layer.WeightCount})");
                _writer.WriteLine();
                if (ActivationSyntax.UsesHeInitialization(layer.Activation))
                {
                    _writer.WriteLine($"// Layer {layer.Number} ({name}): {math.W} from He uniform, {math.B} = 0.");
                    _writer.WriteLine($"{RuntimeTypes.ParameterInitializer}.HeUniform({weights}, fanIn: {layer.Inputs}, ref random);");
                }
                else
                {
                    _writer.WriteLine($"// Layer {layer.Number} ({name}): {math.W} from Glorot uniform, {math.B} = 0.");
                    _writer.WriteLine($"{RuntimeTypes.ParameterInitializer}.GlorotUniform({weights}, fanIn: {layer.Inputs}, fanOut: {layer.Neurons}, ref random);");
                }

                _writer.WriteLine($"p.Slice({layer.BiasOffset}, {layer.Neurons}).Clear();");
            }
        }
    }

    /// <summary>The parameters as a span of constant length, from the storage's first 64-byte boundary.</summary>
    private static string AlignedParameters => Aligned(GeneratedMembers.ParametersField);

    /// <summary>The used part of a parameter array <paramref name="array"/>: from its first 64-byte boundary.</summary>
    private static string Aligned(string array) => $"{RuntimeTypes.AlignedMemory}.Aligned({array}, {GeneratedMembers.ParameterCount})";

    /// <summary>A new parameter array <paramref name="array"/> as a span of its used part.</summary>
    private string UsedPartOf(string array) => Plan.AlignsMemory ? Aligned(array) : array;

    /// <summary>The parameters: <paramref name="plain"/> when the array is used from its start, else its aligned part.</summary>
    private string ParametersAs(string plain) => Plan.AlignsMemory ? AlignedParameters : plain;
}
