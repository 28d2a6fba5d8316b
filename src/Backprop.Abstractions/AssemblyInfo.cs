using System;

// Usable from any CLS language, and from a user's assembly marked CLSCompliant(true) without a warning in the
// generated code. The one member on an unsigned type says so with CLSCompliant(false).
[assembly: CLSCompliant(true)]
