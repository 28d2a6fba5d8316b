using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Backprop.Generator.Helpers;

/// <summary>
/// An immutable array compared by its elements, so that models holding one are equal when their contents
/// are: what lets the incremental pipeline see that nothing changed. The constraint keeps out elements that
/// would compare by reference; arrays of enums, which cannot implement <see cref="IEquatable{T}"/>, are
/// <see cref="EquatableEnumArray{T}"/>.
/// </summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly ImmutableArray<T> _items;

    public EquatableArray(ImmutableArray<T> items)
    {
        _items = items;
    }

    public static EquatableArray<T> Empty => new(ImmutableArray<T>.Empty);

    public int Count => _items.IsDefault ? 0 : _items.Length;

    public T this[int index] => _items[index];

    public ImmutableArray<T> AsImmutableArray() => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    public bool Equals(EquatableArray<T> other) => ElementwiseEquality.AreEqual(AsImmutableArray(), other.AsImmutableArray());

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode() => ElementwiseEquality.HashOf(AsImmutableArray());

    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
}

internal static class EquatableArray
{
    /// <summary>Collects <paramref name="items"/>; enums take <see cref="EquatableEnumArray.ToEquatableArray{T}"/> instead.</summary>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items.ToImmutableArray());
}
