using Microsoft.CodeAnalysis;

namespace Backprop.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Each message says what to change; docs/diagnostics.md explains
/// each with an example, and AnalyzerReleases.*.md track them.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Backprop";
    private const string HelpLinkBase = Repository.Url + "/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor ClassNotPartial = Error(
        "BP0001",
        "Network class must be partial",
        "The class '{0}' has [Network] but is not partial; add the 'partial' modifier so that the generator can add the network to it");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "BP0002",
        "Type containing a network class must be partial",
        "'{0}' contains the network class '{1}' but is not partial; add the 'partial' modifier to '{0}'");

    public static readonly DiagnosticDescriptor TooFewLayers = Error(
        "BP0003",
        "A network needs at least two layer sizes",
        "[Network] lists {0}, but a network needs at least two: the input size and the output size, with any hidden layer sizes between them, as in [Network(3, 4, 2)]");

    public static readonly DiagnosticDescriptor LayerSizeNotPositive = Error(
        "BP0004",
        "Layer sizes must be positive",
        "Layer {0} has size {1}; every layer size must be 1 or more");

    public static readonly DiagnosticDescriptor GenericClass = Error(
        "BP0005",
        "Network class cannot be generic",
        "The network class '{0}' is generic; remove its type parameters, since a network's sizes and number type are fixed by [Network]");

    public static readonly DiagnosticDescriptor StaticClass = Error(
        "BP0006",
        "Network class cannot be static",
        "The network class '{0}' is static; remove 'static', since a network is an object that owns its parameters");

    public static readonly DiagnosticDescriptor MemberCollision = Error(
        "BP0007",
        "Member has the name of a generated member",
        "'{0}' already declares '{1}', which the generator adds to every network; rename or remove the declaration in '{0}'");

    public static readonly DiagnosticDescriptor NetworkTooLarge = Error(
        "BP0008",
        "Network is too large to generate",
        "The network [{0}] ({1} parameters) is too large to write out within the generator's limits of 268,435,456 parameters, {4} IL instructions per method (the JIT stops optimizing at 20,000) and {5} locals: its largest method would need about {2} instructions and {3} locals; make the layers smaller, or let large layers be written as loops (CodeShape = CodeShape.Automatic or CodeShape.VectorLoops)");

    public static readonly DiagnosticDescriptor UnknownEnumValue = Error(
        "BP0009",
        "Unknown activation, loss or precision",
        "{0} = {1} is not a value of {2}; use one of {3}");

    public static readonly DiagnosticDescriptor ContainingTypeGeneric = Error(
        "BP0010",
        "Network class cannot be inside a generic type",
        "The network class '{0}' is inside the generic type '{1}'; move it out of '{1}' or make '{1}' non-generic");

    public static readonly DiagnosticDescriptor RecordClass = Error(
        "BP0011",
        "Network class cannot be a record",
        "'{0}' is a record, whose copies would share one parameter array; declare it as a 'partial class' instead");

    public static readonly DiagnosticDescriptor ClassNameCollision = Error(
        "BP0012",
        "Network class has the name of a generated member",
        "The network class is named '{0}', which is also the name of a generated member, and a member cannot have its class's name; rename the class");

    public static readonly DiagnosticDescriptor InheritedMemberCollision = Error(
        "BP0013",
        "Generated member would hide an inherited member",
        "The base type '{0}' declares '{1}', which the generated member of the same name would hide; rename it in '{0}' or derive '{2}' from another type");

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Error(
        "BP0014",
        "C# language version too old",
        "Backprop generates C# 8.0 code, but this project compiles C# {0}; set <LangVersion> to 8.0 or later");

    public static readonly DiagnosticDescriptor AbstractionsMissing = Error(
        "BP0015",
        "Backprop.Abstractions is not referenced",
        "The generated network implements Backprop.INeuralNetwork<T>, which this compilation cannot find; reference the Backprop package (or Backprop.Abstractions)");

    public static readonly DiagnosticDescriptor FileLocalClass = Error(
        "BP0016",
        "Network class cannot be file-local",
        "'{0}' is declared 'file', so the generated file cannot extend the network class '{1}' (it would declare a new type of that name instead); remove the 'file' modifier from '{0}'");

    public static readonly DiagnosticDescriptor ConstructorDoesNotChain = Warning(
        "BP0017",
        "Constructor leaves the parameters at zero",
        "The constructor '{0}' does not call this(seed) or this(), so a network made with it starts with every weight at zero and cannot learn; add ': this(seed)' or call InitializeParameters(seed)");

    public static readonly DiagnosticDescriptor BaseWithoutParameterlessConstructor = Error(
        "BP0018",
        "Base class needs a parameterless constructor",
        "The base class '{0}' has no accessible parameterless constructor for the generated constructors to call; add one to '{0}' or derive '{1}' from another type");

    public static readonly DiagnosticDescriptor BaseIsNetwork = Error(
        "BP0019",
        "Network class cannot derive from another network",
        "'{0}' derives from the network class '{1}', whose generated members it would hide; derive '{0}' from another type, or hold a '{1}' in a field");

    public static readonly DiagnosticDescriptor SoftmaxWithMeanSquaredError = Warning(
        "BP0020",
        "Softmax output with mean squared error trains poorly",
        "The output activation is Softmax but the loss is MeanSquaredError, whose gradient vanishes when a wrong class is confident, so the network learns slowly or not at all; set Loss = Loss.CrossEntropy");

    public static readonly DiagnosticDescriptor LossNeedsOutputActivation = Error(
        "BP0021",
        "Loss does not match the output activation",
        "Loss.{0} is derived for a {2} output, but OutputActivation is {1}; set OutputActivation = Activation.{2}{3}");

    public static readonly DiagnosticDescriptor HiddenActivationCountMismatch = Error(
        "BP0022",
        "One hidden activation per hidden layer",
        "HiddenActivations lists {0}, but the network has {1}; give exactly one activation per hidden layer, first hidden layer first");

    public static readonly DiagnosticDescriptor SoftmaxSingleOutput = Error(
        "BP0023",
        "Softmax needs at least two outputs",
        "A softmax over a single output neuron is always 1 and cannot learn; for a yes/no output use OutputActivation = Activation.Sigmoid with Loss = Loss.BinaryCrossEntropy, or give the output layer one neuron per class");

    public static readonly DiagnosticDescriptor SoftmaxInHiddenLayer = Error(
        "BP0024",
        "Softmax is for the output layer only",
        "Softmax can only be the output activation; give hidden layers Sigmoid, Tanh, ReLU, LeakyReLU or Linear");

    public static readonly DiagnosticDescriptor BothHiddenActivationForms = Error(
        "BP0025",
        "HiddenActivation and HiddenActivations both set",
        "Both HiddenActivation and HiddenActivations are set, so it is unclear which applies; keep HiddenActivations for one activation per hidden layer, or HiddenActivation for the same activation everywhere");

    public static readonly DiagnosticDescriptor StackTooLarge = Error(
        "BP0026",
        "Network needs too much stack",
        "[Network({0})] needs {1} bytes of stack for its activations and deltas in each call, more than the {2} a call may take without risking a stack overflow on a thread with a small stack; make the largest layers smaller");

    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
        "BP0027",
        "Weights file not found among the additional files",
        "Weights = \"{0}\" names no file among the project's AdditionalFiles; add the file to the project with <AdditionalFiles Include=\"{0}\" /> (the value matches the end of an additional file's path: its name, or folders and name)");

    public static readonly DiagnosticDescriptor WeightsFileAmbiguous = Error(
        "BP0028",
        "Weights names several additional files",
        "Weights = \"{0}\" matches {1} additional files ({2}); write more of the path, folders and name, so that it names only one");

    public static readonly DiagnosticDescriptor WeightsJsonInvalid = Error(
        "BP0029",
        "Weights file is not valid JSON",
        "The weights file '{0}' is not valid JSON: {3} at line {1}, column {2}");

    public static readonly DiagnosticDescriptor WeightsFileInvalid = Error(
        "BP0030",
        "Weights file is not a Backprop weights file",
        "The weights file '{0}' is not a Backprop weights file: {1} (line {2}, column {3}); write it with network.Save(\"model.json\") or tools/Backprop.Convert (docs/model-format.md)");

    public static readonly DiagnosticDescriptor WeightsShapeMismatch = Error(
        "BP0031",
        "Weights file does not fit the network's sizes",
        "The weights file '{0}' does not fit the network: {1} (line {2}, column {3}), but the network needs {4}; bake weights saved from a network of these sizes");

    public static readonly DiagnosticDescriptor WeightsTopologyMismatch = Error(
        "BP0032",
        "Weights file was saved from another kind of network",
        "The weights file '{0}' gives {1} as {2} (line {3}), but [Network] gives {4}; set {5} on the attribute, or bake weights trained for this network");

    public static readonly DiagnosticDescriptor WeightsValueNotFinite = Error(
        "BP0033",
        "Weights file holds a value that is not finite",
        "The weights file '{0}' gives {1} as {2} (line {3}, column {4}), which is not a finite number; fix the value or retrain the network");

    public static readonly DiagnosticDescriptor WeightsValueOutOfRange = Error(
        "BP0034",
        "Weights file holds a value beyond the range of float",
        "The weights file '{0}' gives {1} as {2} (line {3}, column {4}), beyond the range of float (±3.4028235E+38) in this single-precision file; save the weights in double precision and set Precision = Precision.Double, or retrain with smaller weights");

    public static readonly DiagnosticDescriptor ComImportClass = Error(
        "BP0035",
        "Network class cannot be a COM import",
        "'{0}' has [ComImport], which allows no constructor, field initializer or method body in the class, and the generated network needs them all; remove [ComImport] from '{0}' and declare the COM class as a type of its own");

    public static readonly DiagnosticDescriptor ExplicitLayoutClass = Error(
        "BP0036",
        "Network class cannot have an explicit layout",
        "'{0}' has [StructLayout(LayoutKind.Explicit)], which needs a [FieldOffset] on every field, and the generated fields have none; use LayoutKind.Sequential or LayoutKind.Auto, or remove the attribute");

    public static readonly DiagnosticDescriptor PrimaryConstructorSeedCaptured = Warning(
        "BP0037",
        "Primary constructor's seed is used by members too",
        "The primary constructor's parameter 'seed' is also used by members of '{0}', so the generated field initializer cannot read it as well (CS9124), and the network starts from the parameters of seed 0; keep it in a property with an initializer (public int Seed {{ get; }} = seed;) and use that in members, or call InitializeParameters(seed)");

    public static readonly DiagnosticDescriptor DropoutCountMismatch = Error(
        "BP0038",
        "One dropout rate per hidden layer",
        "Dropout lists {0}, but the network has {1}; give one rate per hidden layer, first hidden layer first, or a single rate for every hidden layer (Dropout = new[] {{ 0.2 }})");

    public static readonly DiagnosticDescriptor DropoutRateOutOfRange = Error(
        "BP0039",
        "Dropout rate must be at least 0 and less than 1",
        "{0} is {1}, which is not a dropout rate; give the fraction of the layer's neurons to drop, at least 0 and less than 1 (0 for no dropout in that layer)");

    public static readonly DiagnosticDescriptor DropoutWithoutHiddenLayer = Error(
        "BP0040",
        "Dropout needs a hidden layer",
        "Dropout is set, but the network [{0}] has no hidden layer, and only hidden layers take dropout; remove Dropout, or add a hidden layer");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "BP0099",
        "Backprop failed to generate a network",
        "Backprop could not generate '{0}' because of an internal error ({1}); please report it with the [Network] declaration");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());
}
