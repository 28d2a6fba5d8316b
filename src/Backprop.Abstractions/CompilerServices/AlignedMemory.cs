using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.InteropServices;
#endif

namespace Backprop.CompilerServices;

/// <summary>
/// Called by code the Backprop generator writes. Not a contract for users: it may change in any version.
/// Memory for generated networks that starts on a 64-byte boundary (a cache line, and the width of the widest
/// vector): the parameters, and the stack buffers of layers written with vector kernels. No vector load of a
/// row that starts on a multiple of 16 floats (8 doubles) then straddles two cache lines, and the speed of a
/// network does not depend on where the allocator, or the stack, happened to put its memory.
/// </summary>
/// <remarks>
/// <para>
/// On .NET 8 and later the parameters live on the pinned object heap, where they never move, with room for the
/// alignment; a stack buffer is allocated with the same room. On .NET Standard the runtime has no pinned heap,
/// so memory is used from its start, wherever that is.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AlignedMemory
{
    /// <summary>The alignment, in bytes.</summary>
    public const int Alignment = SharedConstants.Alignment;

    /// <summary>Allocates zeroed storage for <paramref name="count"/> values, to be used through <see cref="Aligned{T}(T[], int)"/>.</summary>
    /// <typeparam name="T">The number type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="count">The number of values.</param>
    /// <returns>The storage: on .NET 8 and later pinned, and up to 64 bytes longer than asked.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static T[] Allocate<T>(int count)
        where T : unmanaged
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, FormattableString.Invariant($"'count' must be zero or more, but was {count}."));
        }

#if NET8_0_OR_GREATER
        return GC.AllocateArray<T>(count + (Alignment / Unsafe.SizeOf<T>()) - 1, pinned: true);
#else
        return new T[count];
#endif
    }

    /// <summary>The <paramref name="count"/> values of storage made by <see cref="Allocate{T}(int)"/>, from its first 64-byte boundary.</summary>
    /// <typeparam name="T">The number type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="storage">Storage from <see cref="Allocate{T}(int)"/> with the same <paramref name="count"/>.</param>
    /// <param name="count">The number of values.</param>
    /// <returns>The values; the same memory every time for the same storage.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> Aligned<T>(T[] storage, int count)
        where T : unmanaged
    {
#if NET8_0_OR_GREATER
        // The array is pinned, so the offset of its first boundary never changes.
        return new Span<T>(storage, Start(ref MemoryMarshal.GetArrayDataReference(storage)), count);
#else
        return new Span<T>(storage, 0, count);
#endif
    }

    /// <summary>
    /// The <paramref name="count"/> values of storage a network keeps in a field and allocates on first use: made by
    /// <see cref="Allocate{T}(int)"/> when <paramref name="storage"/> is null, then the same memory every time.
    /// </summary>
    /// <typeparam name="T">The number type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="storage">The field: null until the first call, which stores the new storage in it.</param>
    /// <param name="count">The number of values, the same at every call for the same field.</param>
    /// <returns>The values from the storage's first 64-byte boundary: zeros when just allocated, else as last left.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static Span<T> Kept<T>(ref T[]? storage, int count)
        where T : unmanaged =>
        Aligned(storage ??= Allocate<T>(count), count);

    /// <summary>
    /// The first <paramref name="count"/> values of a staging buffer that grows to hold them (a new array only
    /// when it is too short): storage from <see cref="Allocate{T}(int)"/>, used from its first 64-byte boundary.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="storage">The buffer: replaced by a longer one when it cannot hold the values.</param>
    /// <param name="count">The number of values, 0 or more.</param>
    /// <returns>The values: as last left when the buffer did not grow, else zeros.</returns>
    internal static Span<T> Grown<T>(ref T[] storage, int count)
        where T : unmanaged
    {
        if (storage.Length < AllocatedLength<T>(count))
        {
            storage = Allocate<T>(count);
        }

        return Aligned(storage, count);
    }

    // The length of Allocate's array for count values.
    private static int AllocatedLength<T>(int count)
        where T : unmanaged =>
#if NET8_0_OR_GREATER
        count + (Alignment / Unsafe.SizeOf<T>()) - 1;
#else
        count;
#endif

    /// <summary>
    /// The <paramref name="count"/> values of a stack buffer from its first 64-byte boundary: allocate
    /// <paramref name="count"/> + 64 / sizeof(<typeparamref name="T"/>) − 1 values (15 more floats, 7 more doubles).
    /// </summary>
    /// <typeparam name="T">The number type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="buffer">Memory that does not move, such as a <see langword="stackalloc"/> buffer.</param>
    /// <param name="count">The number of values.</param>
    /// <returns>The values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="buffer"/> is too short for <paramref name="count"/> values after its boundary.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> Aligned<T>(Span<T> buffer, int count)
        where T : unmanaged
    {
#if NET8_0_OR_GREATER
        return buffer.Slice(Start(ref MemoryMarshal.GetReference(buffer)), count);
#else
        return buffer.Slice(0, count);
#endif
    }

    /// <summary>
    /// Whether <paramref name="values"/> start on a 64-byte boundary, or alignment buys nothing here: always true on
    /// .NET Standard, whose storage is used from its start wherever that is.
    /// </summary>
    /// <remarks>
    /// The address is read once; memory the collector may move can start elsewhere a moment later, which changes
    /// how fast it is read, never what is computed from it.
    /// </remarks>
    /// <typeparam name="T">The number type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="values">The values; true when empty.</param>
    /// <returns>True when the first value's address is a multiple of <see cref="Alignment"/>, or on .NET Standard.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool StartsOnBoundary<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
#if NET8_0_OR_GREATER
        return values.IsEmpty || Start(ref MemoryMarshal.GetReference(values)) == 0;
#else
        return true;
#endif
    }

#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int Start<T>(ref T first)
        where T : unmanaged
    {
        nuint address = (nuint)Unsafe.AsPointer(ref first);
        return (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(T);
    }
#endif
}
