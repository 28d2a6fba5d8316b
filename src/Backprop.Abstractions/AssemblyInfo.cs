using System;

// Usable from any CLS language, and from a user's assembly marked CLSCompliant(true) without a warning in the
// generated code. The few members on unsigned types say so with CLSCompliant(false).
[assembly: CLSCompliant(true)]
