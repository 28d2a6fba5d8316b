using System;
using System.Buffers.Binary;
using Backprop.CompilerServices;
using Backprop.Serialization;
using static System.FormattableString;

namespace Backprop.Training;

/// <summary>
/// Reads a checkpoint's fields in order, little-endian, never past its end: a field cut off throws
/// <see cref="ModelFormatException"/> (truncated), and every count is bounded by the bytes left before anything
/// is allocated by it.
/// </summary>
internal ref struct CheckpointReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly string _source;

    /// <summary>Reads <paramref name="bytes"/> (the file without its checksum) from <paramref name="position"/>.</summary>
    public CheckpointReader(ReadOnlySpan<byte> bytes, int position, string source)
    {
        _bytes = bytes;
        Position = position;
        _source = source;
    }

    public int Position { get; private set; }

    public readonly int End => _bytes.Length;

    public byte Byte() => Take(1)[0];

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double Double() => BitConverter.Int64BitsToDouble(Int64());

    public void Skip(int count) => Take(count);

    /// <summary>A 0/1 byte.</summary>
    public bool Flag(string what)
    {
        byte value = Byte();
        return value <= 1 ? value == 1 : throw Invalid(Invariant($"{what} is {value}, but must be 0 or 1"));
    }

    /// <summary>A u32 count, at least <paramref name="minimum"/>, of items of <paramref name="itemBytes"/> bytes that must all fit in the bytes left.</summary>
    public int Length(string what, int itemBytes, int minimum = 1)
    {
        long count = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
        if (count < minimum)
        {
            throw Invalid(Invariant($"{what} has {count} items, but needs at least {minimum}"));
        }

        if (count * itemBytes > End - Position)
        {
            throw Truncated(_source, Invariant($"{what} needs"), Position + (count * itemBytes) + 4, End + 4);
        }

        return (int)count;
    }

    /// <summary>A u32 count, then that many doubles, each taking 8 bytes that must be present.</summary>
    public double[] Values(string what)
    {
        int count = Length(what, 8, minimum: 0);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = Double();
        }

        return values;
    }

    /// <summary><paramref name="count"/> finite doubles (a count the caller took from the network, not the file).</summary>
    public double[] Finite(int count, string what)
    {
        Require((long)count * 8, what + "s");
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = Double();
            if (!NetworkGuard.IsFinite(values[i]))
            {
                throw new ModelFormatException(
                    ModelFormatReason.NonFiniteValue,
                    Invariant($"{_source} holds {values[i]} as {what} {i}; the state must be finite."),
                    expected: "a finite value",
                    found: values[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return values;
    }

    /// <summary><paramref name="count"/> parameters, finite and exact in <typeparamref name="T"/>.</summary>
    public T[] Parameters<T>(int count, string what)
        where T : unmanaged
    {
        Scalar<T> scalar = Scalar<T>.Instance;
        double[] values = Finite(count, what);
        var parameters = new T[count];
        for (int i = 0; i < count; i++)
        {
            parameters[i] = scalar.FromDouble(values[i]);
            if (scalar.ToDouble(parameters[i]) != values[i])
            {
                throw new ModelFormatException(
                    ModelFormatReason.ValueOutOfRange,
                    Invariant($"{_source} holds {values[i]} as {what} {i}, which is not a {typeof(T).Name} value; the checkpoint was written for another precision."),
                    expected: "a " + typeof(T).Name,
                    found: values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return parameters;
    }

    /// <summary><paramref name="rows"/> row indices that must be each of 0 … rows − 1 once.</summary>
    public int[] Permutation(int rows)
    {
        var order = new int[rows];
        var seen = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            int row = Int32();
            if (row < 0 || row >= rows || seen[row])
            {
                throw Invalid(Invariant($"its row order is not a permutation of the {rows} rows: entry {i} is {row}"));
            }

            seen[row] = true;
            order[i] = row;
        }

        return order;
    }

    public readonly ModelFormatException Invalid(string problem) =>
        new(ModelFormatReason.InvalidHeader, Invariant($"{_source} is corrupt: {problem}."));

    public static ModelFormatException Truncated(string source, string needs, long expected, long found) =>
        new(
            ModelFormatReason.Truncated,
            Invariant($"{source} is truncated: it has {found} bytes, but {needs} {expected}."),
            expected: Invariant($"{expected} bytes"),
            found: Invariant($"{found} bytes"));

    private readonly void Require(long count, string what)
    {
        if (count > End - Position)
        {
            throw Truncated(_source, Invariant($"the {what} need"), Position + count + 4, End + 4);
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        Require(count, "field at byte " + Position.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ReadOnlySpan<byte> field = _bytes.Slice(Position, count);
        Position += count;
        return field;
    }
}
