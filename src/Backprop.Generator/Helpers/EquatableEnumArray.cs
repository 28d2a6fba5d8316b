using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Backprop.Generator.Helpers;

/// <summary>
/// <see cref="EquatableArray{T}"/> for enums (the activations and layer shapes of a model): an enum compares by
/// value but cannot implement <see cref="IEquatable{T}"/>, which that type requires of its elements.
/// </summary>
internal readonly struct EquatableEnumArray<T> : IEquatable<EquatableEnumArray<T>>, IReadOnlyList<T>
    where T : struct, Enum
{
    private readonly ImmutableArray<T> _items;

    public EquatableEnumArray(ImmutableArray<T> items)
    {
        _items = items;
    }

    public static EquatableEnumArray<T> Empty => new(ImmutableArray<T>.Empty);

    public int Count => _items.IsDefault ? 0 : _items.Length;

    public T this[int index] => _items[index];

    public ImmutableArray<T> AsImmutableArray() => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    public bool Equals(EquatableEnumArray<T> other) => ElementwiseEquality.AreEqual(AsImmutableArray(), other.AsImmutableArray());

    public override bool Equals(object? obj) => obj is EquatableEnumArray<T> other && Equals(other);

    public override int GetHashCode() => ElementwiseEquality.HashOf(AsImmutableArray());

    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    public static bool operator ==(EquatableEnumArray<T> left, EquatableEnumArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableEnumArray<T> left, EquatableEnumArray<T> right) => !left.Equals(right);
}

internal static class EquatableEnumArray
{
    /// <summary>Collects enum values; the same name as <see cref="EquatableArray.ToEquatableArray{T}"/>, whose constraint enums fail.</summary>
    public static EquatableEnumArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : struct, Enum => new(items.ToImmutableArray());
}
