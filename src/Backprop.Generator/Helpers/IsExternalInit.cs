// Records and init-only setters need this type, which .NET Standard 2.0 lacks.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
