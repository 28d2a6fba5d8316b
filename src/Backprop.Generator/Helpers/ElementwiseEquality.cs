using System.Collections.Generic;
using System.Collections.Immutable;

namespace Backprop.Generator.Helpers;

/// <summary>Equality and hash of two arrays by their elements, for <see cref="EquatableArray{T}"/> and <see cref="EquatableEnumArray{T}"/>.</summary>
internal static class ElementwiseEquality
{
    public static bool AreEqual<T>(ImmutableArray<T> left, ImmutableArray<T> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static int HashOf<T>(ImmutableArray<T> items)
    {
        int hash = 17;
        foreach (T item in items)
        {
            hash = unchecked(hash * 31 + (item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item)));
        }

        return hash;
    }
}
