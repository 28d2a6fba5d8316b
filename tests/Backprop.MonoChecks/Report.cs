using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Backprop.MonoChecks
{
    /// <summary>What a run checked (each check passes or fails, with a reason) and the numbers it computed, by name.</summary>
    internal sealed class Report
    {
        private readonly List<string> _values = new List<string>();

        public int Passed { get; private set; }

        public List<string> Failures { get; } = new List<string>();

        /// <summary>Records one check; a false <paramref name="condition"/> is a failure with <paramref name="detail"/>.</summary>
        public void Check(string name, bool condition, string detail = "")
        {
            if (condition)
            {
                Passed++;
                return;
            }

            Failures.Add(name + (detail.Length > 0 ? ": " + detail : ""));
            Console.WriteLine("FAIL " + name + (detail.Length > 0 ? ": " + detail : ""));
        }

        /// <summary>Runs <paramref name="call"/>, which must throw <typeparamref name="TException"/> (exactly that type).</summary>
        public void Throws<TException>(string name, Action call, Func<TException, bool>? also = null)
            where TException : Exception
        {
            try
            {
                call();
            }
            catch (Exception exception) when (exception.GetType() == typeof(TException))
            {
                Check(name, also is null || also((TException)exception), "the exception said: " + exception.Message);
                return;
            }
            catch (Exception exception)
            {
                Check(name, false, "threw " + exception.GetType().Name + " instead of " + typeof(TException).Name + ": " + exception.Message);
                return;
            }

            Check(name, false, "returned instead of throwing " + typeof(TException).Name);
        }

        /// <summary>Records numbers to compare with the other runtime's run.</summary>
        public void Values<T>(string name, T[] values)
            where T : unmanaged
        {
            for (int i = 0; i < values.Length; i++)
            {
                _values.Add(name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]\t" + (Number<T>.IsSingle ? "f" : "d") + "\t" + Number<T>.Bits(values[i]));
            }
        }

        public void Value<T>(string name, T value)
            where T : unmanaged => Values(name, new[] { value });

        public void Write(string path) => File.WriteAllLines(path, _values);
    }
}
