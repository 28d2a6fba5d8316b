using System;

namespace Backprop.MonoChecks
{
    /// <summary>
    /// The two number types of a network, for a harness written once for both (C# 9 has no generic math). The
    /// conversions box: they are for setting up and reading results, never inside a measured loop.
    /// </summary>
    internal static class Number<T>
        where T : unmanaged
    {
        public static bool IsSingle => typeof(T) == typeof(float);

        public static T From(double value) => IsSingle ? (T)(object)(float)value : (T)(object)value;

        public static double ToDouble(T value) => IsSingle ? (float)(object)value : (double)(object)value;

        public static T[] Array(int length, Func<int, double> value)
        {
            var values = new T[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = From(value(i));
            }

            return values;
        }

        /// <summary>A value of random bits, any finite one alike, from the bits of one or more draws.</summary>
        public static T FiniteFromBits(ref DeterministicRandom random)
        {
            while (true)
            {
                ulong bits = random.NextUInt64();
                double value = IsSingle ? BitConverter.ToSingle(BitConverter.GetBytes((uint)bits), 0) : BitConverter.Int64BitsToDouble((long)bits);
                if (!double.IsNaN(value) && !double.IsInfinity(value))
                {
                    return From(value);
                }
            }
        }

        /// <summary>The value's bits, as the results file records them: 8 hex digits for a float, 16 for a double.</summary>
        public static string Bits(T value) => IsSingle
            ? BitConverter.ToInt32(BitConverter.GetBytes((float)(object)value), 0).ToString("X8")
            : BitConverter.DoubleToInt64Bits((double)(object)value).ToString("X16");
    }
}
