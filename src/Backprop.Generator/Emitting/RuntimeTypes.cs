namespace Backprop.Generator.Emitting;

/// <summary>
/// The fully qualified name of every runtime type that generated code names, each written here once. They start
/// with <c>global::</c> because the generated class lives in the user's namespace and class, where a type of the
/// user's named <c>Backprop</c> or <c>System</c> would otherwise capture the name.
/// </summary>
internal static class RuntimeTypes
{
    // The types a user sees: the network's interface and the enums of its attribute.
    public const string INeuralNetwork = "global::Backprop.INeuralNetwork";
    public const string IDropoutNetwork = "global::Backprop.IDropoutNetwork";
    public const string Activation = "global::Backprop.Activation";
    public const string Precision = "global::Backprop.Precision";
    public const string Loss = "global::Backprop.Loss";
    public const string BatchWorkers = "global::Backprop.BatchWorkers";

    // The helpers only generated code calls.
    public const string NetworkGuard = "global::Backprop.CompilerServices.NetworkGuard";
    public const string VectorKernels = "global::Backprop.CompilerServices.VectorKernels";
    public const string ActivationFunctions = "global::Backprop.CompilerServices.ActivationFunctions";
    public const string AlignedMemory = "global::Backprop.CompilerServices.AlignedMemory";
    public const string ParameterLayout = "global::Backprop.CompilerServices.ParameterLayout";
    public const string ParameterInitializer = "global::Backprop.CompilerServices.ParameterInitializer";
    public const string IBatchWork = "global::Backprop.CompilerServices.IBatchWork";
    public const string BatchDispatch = "global::Backprop.CompilerServices.BatchDispatch";
    public const string BatchPhase = "global::Backprop.CompilerServices.BatchPhase";
    public const string DeterministicRandom = "global::Backprop.DeterministicRandom";

    // The BCL.
    public const string Span = "global::System.Span";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan";
    public const string Math = "global::System.Math";
    public const string Array = "global::System.Array";
    public const string GeneratedCodeAttribute = "global::System.CodeDom.Compiler.GeneratedCode";
    public const string MethodImpl = "global::System.Runtime.CompilerServices.MethodImpl";
    public const string MethodImplOptions = "global::System.Runtime.CompilerServices.MethodImplOptions";
}
