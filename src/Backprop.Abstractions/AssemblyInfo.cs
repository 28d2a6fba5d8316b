using System;
using System.Runtime.CompilerServices;

// Usable from any CLS language, and from a user's assembly marked CLSCompliant(true) without a warning in the
// generated code. The one member on an unsigned type says so with CLSCompliant(false).
[assembly: CLSCompliant(true)]

// No method here reads memory it has not written (C#'s definite assignment, and every stackalloc is filled before
// it is read), so the runtime need not zero locals: the kernels inline into the generated methods, and their
// stack blocks (LaneBlock, zeroed where declared when they need to be) would otherwise be zeroed with the whole
// frame on every call.
[module: SkipLocalsInit]
