using System;
using System.Runtime.InteropServices;

namespace Backprop.Benchmarks.Implementations;

/// <summary>
/// The part of FANN 2.2's C API (float build, libfloatfann) that the benchmarks use. The library is
/// looked up once, by name, with <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/>; when it is not
/// installed, <see cref="IsAvailable"/> is false and nothing here may be called.
/// </summary>
internal static unsafe partial class FannNative
{
    public const string InstallNote =
        "note: FANN (libfloatfann) was not found, so the FANN benchmarks and checks are skipped. " +
        "On Debian or Ubuntu install it with: sudo apt-get install libfann-dev";

    // FANN's enums, from fann_data.h (2.2.0).
    public const int Sigmoid = 3;              // enum fann_activationfunc_enum: FANN_SIGMOID
    public const int TrainIncremental = 0;     // enum fann_train_enum: FANN_TRAIN_INCREMENTAL
    public const int ErrorFunctionLinear = 0;  // enum fann_errorfunc_enum: FANN_ERRORFUNC_LINEAR

    private const string LibraryName = "floatfann";

    // Debian's libfann2 installs libfloatfann.so.2; libfann-dev adds the libfloatfann.so link.
    private static readonly string[] CandidateNames = ["libfloatfann.so.2", "libfloatfann.so", "libfloatfann.dylib", "floatfann.dll", "floatfann"];

    private static readonly Lazy<IntPtr> Handle = new(Load);

    /// <summary>Whether libfloatfann was found and loaded; the first call loads it.</summary>
    public static bool IsAvailable => Handle.Value != IntPtr.Zero;

    [LibraryImport(LibraryName, EntryPoint = "fann_create_standard_array")]
    public static partial IntPtr CreateStandardArray(uint numLayers, uint* layers);

    [LibraryImport(LibraryName, EntryPoint = "fann_destroy")]
    public static partial void Destroy(IntPtr ann);

    [LibraryImport(LibraryName, EntryPoint = "fann_run")]
    public static partial float* Run(IntPtr ann, float* input);

    [LibraryImport(LibraryName, EntryPoint = "fann_train")]
    public static partial void Train(IntPtr ann, float* input, float* desiredOutput);

    [LibraryImport(LibraryName, EntryPoint = "fann_set_activation_function_hidden")]
    public static partial void SetActivationFunctionHidden(IntPtr ann, int activationFunction);

    [LibraryImport(LibraryName, EntryPoint = "fann_set_activation_function_output")]
    public static partial void SetActivationFunctionOutput(IntPtr ann, int activationFunction);

    [LibraryImport(LibraryName, EntryPoint = "fann_set_activation_steepness_hidden")]
    public static partial void SetActivationSteepnessHidden(IntPtr ann, float steepness);

    [LibraryImport(LibraryName, EntryPoint = "fann_set_activation_steepness_output")]
    public static partial void SetActivationSteepnessOutput(IntPtr ann, float steepness);

    [LibraryImport(LibraryName, EntryPoint = "fann_set_training_algorithm")]
    public static partial void SetTrainingAlgorithm(IntPtr ann, int trainingAlgorithm);

    [LibraryImport(LibraryName, EntryPoint = "fann_set_train_error_function")]
    public static partial void SetTrainErrorFunction(IntPtr ann, int errorFunction);

    [LibraryImport(LibraryName, EntryPoint = "fann_set_learning_rate")]
    public static partial void SetLearningRate(IntPtr ann, float learningRate);

    [LibraryImport(LibraryName, EntryPoint = "fann_set_learning_momentum")]
    public static partial void SetLearningMomentum(IntPtr ann, float learningMomentum);

    [LibraryImport(LibraryName, EntryPoint = "fann_get_total_connections")]
    public static partial uint GetTotalConnections(IntPtr ann);

    [LibraryImport(LibraryName, EntryPoint = "fann_get_connection_array")]
    public static partial void GetConnectionArray(IntPtr ann, Connection* connections);

    [LibraryImport(LibraryName, EntryPoint = "fann_set_weight_array")]
    public static partial void SetWeightArray(IntPtr ann, Connection* connections, uint numConnections);

    [LibraryImport(LibraryName, EntryPoint = "fann_get_MSE")]
    public static partial float GetMeanSquareError(IntPtr ann);

    [LibraryImport(LibraryName, EntryPoint = "fann_reset_MSE")]
    public static partial void ResetMeanSquareError(IntPtr ann);

    private static IntPtr Load()
    {
        foreach (string name in CandidateNames)
        {
            if (NativeLibrary.TryLoad(name, out IntPtr handle))
            {
                // Every [LibraryImport("floatfann")] above binds to the library just loaded.
                NativeLibrary.SetDllImportResolver(
                    typeof(FannNative).Assembly,
                    (libraryName, _, _) => libraryName == LibraryName ? handle : IntPtr.Zero);
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>struct fann_connection: one weight, from a neuron to a neuron, both numbered network-wide.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Connection
    {
        public uint FromNeuron;
        public uint ToNeuron;
        public float Weight;
    }
}
