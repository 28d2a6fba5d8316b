#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis;

/// <summary>Tells the compiler's flow analysis that a method never returns (built into .NET Core 3.0 and later).</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class DoesNotReturnAttribute : Attribute
{
}
#endif
