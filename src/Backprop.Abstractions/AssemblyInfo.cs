using System;
using System.Runtime.CompilerServices;

// Usable from any CLS language, and from a user's assembly marked CLSCompliant(true) without a warning in the
// generated code. The one member on an unsigned type says so with CLSCompliant(false).
[assembly: CLSCompliant(true)]

// No method here reads memory it has not written (C#'s definite assignment; the one stackalloc is filled before it
// is read; the kernels' scratch blocks, declared with Unsafe.SkipInit, are padded by CopyToBlock on the one path
// that reads them). The kernels inline into the generated methods, so the runtime would otherwise zero their
// locals in the frame of every generated call.
[module: SkipLocalsInit]
