using System.Linq;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>
/// Writes the stand-in of a network whose attribute has errors: the constants the attribute gives, and every
/// member of <c>INeuralNetwork&lt;T&gt;</c> with a body that throws. It exists only so that the class's uses still
/// compile and the error list shows the BP errors alone; the build fails on those errors anyway.
/// </summary>
internal sealed class StandInEmitter
{
    private readonly NetworkStandIn _standIn;
    private readonly IndentedTextWriter _writer = new();
    private readonly NumberType _number;
    private readonly string _throw;

    private StandInEmitter(NetworkStandIn standIn)
    {
        _standIn = standIn;
        _number = NumberType.Of(standIn.Precision);
        _throw = $"throw {RuntimeTypes.NetworkGuard}.NotGenerated({Escaping.StringLiteral(standIn.ClassName.TrimStart('@'))}, {Escaping.StringLiteral(string.Join(", ", standIn.Errors))})";
    }

    public static string Emit(NetworkStandIn standIn) => new StandInEmitter(standIn).WriteFile();

    /// <summary><c>float</c> or <c>double</c>.</summary>
    private string Scalar => _number.Keyword;

    private string WriteFile()
    {
        string[] header =
        {
            $"A stand-in written by the Backprop source generator: the [Network] attribute of {_standIn.ClassName} has errors",
            $"({string.Join(", ", _standIn.Errors)}). It declares the network's members, each throwing, so that code using the class",
            "still compiles and the build reports those errors alone. Fix them, and the network is generated here.",
        };
        TypeNesting.WriteFile(_writer, header, _standIn.Namespace, _standIn.ContainingTypes, WriteClass);
        return _writer.ToString();
    }

    private void WriteClass()
    {
        string interfaces = _standIn.HasDropout
            ? $"{RuntimeTypes.INeuralNetwork}<{Scalar}>, {RuntimeTypes.IDropoutNetwork}"
            : $"{RuntimeTypes.INeuralNetwork}<{Scalar}>";
        using (_writer.WriteBlock($"partial class {_standIn.ClassName} : {interfaces}"))
        {
            WriteConstants();
            if (_standIn.Construction == Construction.GeneratedConstructors)
            {
                WriteMember("<summary>Throws: the [Network] attribute has errors.</summary>", $"public {_standIn.ClassName}() => {_throw};");
                WriteMember("<summary>Throws: the [Network] attribute has errors.</summary>\n<param name=\"seed\">Unused.</param>", $"public {_standIn.ClassName}(int seed) => {_throw};");
            }

            foreach ((string property, string type) in GeneratedMembers.ExplicitInterfaceProperties)
            {
                _writer.WriteLine();
                _writer.WriteLine($"{type} {RuntimeTypes.INeuralNetwork}.{property} => {_throw};");
            }

            string span = _number.Span;
            string readOnlySpan = _number.ReadOnlySpan;
            WriteMember("<inheritdoc/>", $"public {span} {GeneratedMembers.Parameters} => {_throw};");
            WriteMember("<inheritdoc/>", $"public {RuntimeTypes.Activation} {GeneratedMembers.GetActivation}(int layer) => {_throw};");
            WriteMember("<inheritdoc/>", $"public int {GeneratedMembers.WeightIndex}(int layer, int j, int k) => {_throw};");
            WriteMember("<inheritdoc/>", $"public int {GeneratedMembers.BiasIndex}(int layer, int j) => {_throw};");
            WriteMember("<inheritdoc/>", $"public ref {Scalar} {GeneratedMembers.Weight}(int layer, int j, int k) => {_throw};");
            WriteMember("<inheritdoc/>", $"public ref {Scalar} {GeneratedMembers.Bias}(int layer, int j) => {_throw};");
            WriteMember("<inheritdoc/>", $"public void {GeneratedMembers.InitializeParameters}(int seed) => {_throw};");
            WriteMember("<inheritdoc/>", $"public void {GeneratedMembers.Forward}({readOnlySpan} input, {span} output) => {_throw};");
            WriteMember("<inheritdoc/>", $"public void {GeneratedMembers.ForwardBatch}({readOnlySpan} inputs, {span} outputs, {RuntimeTypes.BatchWorkers}? workers = null) => {_throw};");
            WriteMember("<inheritdoc/>", $"public {Scalar} {GeneratedMembers.Backward}({readOnlySpan} input, {readOnlySpan} target, {span} gradient) => {_throw};");
            WriteMember("<inheritdoc/>", $"public {Scalar} {GeneratedMembers.TrainStep}({readOnlySpan} input, {readOnlySpan} target, {Scalar} learningRate) => {_throw};");
            WriteMember("<inheritdoc/>", $"public {Scalar} {GeneratedMembers.BackwardBatch}({readOnlySpan} inputs, {readOnlySpan} targets, {span} gradient, {span} costs, {RuntimeTypes.BatchWorkers}? workers = null) => {_throw};");
            WriteMember("<inheritdoc/>", $"public {Scalar} {GeneratedMembers.TrainBatch}({readOnlySpan} inputs, {readOnlySpan} targets, {Scalar} learningRate, {RuntimeTypes.BatchWorkers}? workers = null) => {_throw};");
            if (_standIn.HasDropout)
            {
                WriteMember("<inheritdoc/>", $"public {RuntimeTypes.DeterministicRandom} {GeneratedMembers.DropoutRandom} {{ get => {_throw}; set => {_throw}; }}");
                WriteMember("<inheritdoc/>", $"public bool {GeneratedMembers.DropoutEnabled} {{ get => {_throw}; set => {_throw}; }}");
            }
        }
    }

    /// <summary>The constants as the attribute writes them, valid or not, so that code reading them compiles.</summary>
    private void WriteConstants()
    {
        EquatableArray<int> sizes = _standIn.LayerSizes;
        WriteConstant("<summary>The number of layer sizes written on the attribute.</summary>", Invariant.Format($"public const int {GeneratedMembers.LayerCount} = {sizes.Count};"));
        if (sizes.Count >= 1)
        {
            WriteConstant("<summary>The first size written on the attribute.</summary>", $"public const int {GeneratedMembers.InputSize} = {GeneratedMembers.LayerSize(1)};");
        }

        if (sizes.Count >= 2)
        {
            WriteConstant("<summary>The last size written on the attribute.</summary>", $"public const int {GeneratedMembers.OutputSize} = {GeneratedMembers.LayerSize(sizes.Count)};");
        }

        // The parameter count only when the sizes make one that an int holds.
        double parameters = NetworkLimits.CountParameters(sizes);
        if (sizes.Count >= 2 && sizes.All(size => size > 0) && parameters <= int.MaxValue)
        {
            WriteConstant("<summary>The number of weights and biases of these sizes.</summary>", Invariant.Format($"public const int {GeneratedMembers.ParameterCount} = {(int)parameters};"));
            WriteConstant("<summary>The multiply-adds of a forward pass of these sizes.</summary>", Invariant.Format($"public const long {GeneratedMembers.ForwardMultiplyAdds} = {(long)NetworkCost.ForwardMultiplyAdds(sizes)};"));
            WriteConstant("<summary>The multiply-adds of a training step of these sizes.</summary>", Invariant.Format($"public const long {GeneratedMembers.TrainStepMultiplyAdds} = {(long)NetworkCost.TrainStepMultiplyAdds(sizes)};"));
            WriteConstant("<summary>The bytes of the weights and biases of these sizes.</summary>", Invariant.Format($"public const long {GeneratedMembers.ParameterBytes} = {(long)NetworkCost.ParameterBytes(sizes, _number.Size)};"));
        }

        for (int l = 1; l <= sizes.Count; l++)
        {
            WriteConstant(Invariant.Format($"<summary>Size {l} as written on the attribute.</summary>"), Invariant.Format($"public const int {GeneratedMembers.LayerSize(l)} = {sizes[l - 1]};"));
        }
    }

    /// <summary>A public member with a body, marked [GeneratedCode] as the network's are.</summary>
    private void WriteMember(string documentation, string declaration)
    {
        WriteDocumentation(documentation);
        _writer.WriteLine(NetworkEmitter.GeneratedCodeAttribute);
        _writer.WriteLine(declaration);
    }

    private void WriteConstant(string documentation, string declaration)
    {
        WriteDocumentation(documentation);
        _writer.WriteLine(declaration);
    }

    private void WriteDocumentation(string documentation)
    {
        _writer.WriteLine();
        foreach (string line in documentation.Split('\n'))
        {
            _writer.WriteLine($"/// {line}");
        }
    }
}
