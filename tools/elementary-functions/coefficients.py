"""Prints the constants of src/Backprop.Abstractions/CompilerServices/Elementary, from exact arithmetic.

Run with any Python 3: `python3 tools/elementary-functions/coefficients.py`. Nothing here depends on a
platform's libm: ln 2 comes from its series, the tanh coefficients from Bernoulli numbers, all as exact
fractions, rounded once to the nearest double (Python's float(Fraction) rounds correctly) or float.
"""
from fractions import Fraction
from math import factorial, isqrt
import struct


def ln2(terms=200):
    # ln 2 = sum over k >= 1 of 1 / (k 2^k); 200 terms leave an error below 2^-200.
    return sum(Fraction(1, k * 2**k) for k in range(1, terms + 1))


def bernoulli(n):
    # B_0..B_n by the recurrence sum_{j<=m} C(m+1, j) B_j = 0.
    b = [Fraction(1)]
    for m in range(1, n + 1):
        s = sum(Fraction(factorial(m + 1), factorial(j) * factorial(m + 1 - j)) * b[j] for j in range(m))
        b.append(-s / (m + 1))
    return b


def tanh_coefficient(k, b):
    # tanh x = sum over n >= 1 of 2^(2n) (2^(2n) - 1) B_(2n) x^(2n-1) / (2n)!
    n = (k + 1) // 2
    return Fraction(2**(2 * n) * (2**(2 * n) - 1)) * b[2 * n] / factorial(2 * n)


def to_float(x):
    # Nearest float: through the double is exact enough here (no constant lies near a float tie).
    return struct.unpack('f', struct.pack('f', float(x)))[0]


def split(value, bits):
    # value = high + low, high a multiple of 2^-bits, so that n * high is exact for the n the reduction meets.
    high = Fraction(round(value * 2**bits), 2**bits)
    return high, value - high


L = ln2()
print(f"ln 2 = {float(L)!r}")
high, low = split(L, 9)
print(f"float:  Ln2High = {float(high)!r}f (9 bits: n*Ln2High exact for |n| < 2^15)  Ln2Low = {to_float(low)!r}f")
high, low = split(L, 32)
print(f"double: Ln2High = {float(high)!r} (32 bits: n*Ln2High exact for |n| < 2^21)  Ln2Low = {float(low)!r}")
print(f"float:  Log2E = {to_float(1 / L)!r}f   double: Log2E = {float(1 / L)!r}")

b = bernoulli(40)
for k in range(3, 32, 2):
    c = tanh_coefficient(k, b)
    print(f"tanh x^{k}: {c} = {float(c)!r} (double), {to_float(c)!r}f (float)")

# Single-precision exp is computed in double with a table: e^x = 2^(k/32) * 2^(r/32), k = round(x * 32/ln 2),
# |r| <= 1/2, and 2^(r/32) = e^u, u = r * ln 2/32, by 1 + C1 r + C2 r^2 + C3 r^3, Ck = (ln 2/32)^k / k!.
print(f"float exp: ExpScale = 32/ln 2 = {float(32 / L)!r}")
c1 = L / 32
print(f"float exp: ExpC1 = {float(c1)!r}  ExpC2 = {float(c1**2 / 2)!r}  ExpC3 = {float(c1**3 / 6)!r}")


def iroot32(n):
    # floor(n^(1/32)) as five floors of square roots: floor(sqrt(floor(sqrt(m)))) = floor(m^(1/4)).
    for _ in range(5):
        n = isqrt(n)
    return n


def double_bits(x):
    return struct.unpack('<q', struct.pack('<d', float(x)))[0]


# 2^(j/32) to 200 bits below the point (error below 2^-200), then rounded once to the nearest double.
table = [Fraction(iroot32(2**(j + 32 * 200)), 2**200) for j in range(32)]
# The code stores each entry's bits less j * 2^47: adding the bits of z + 1.5 * 2^52 shifted left by 47 (which are
# k * 2^47 modulo 2^64, since the bits of 1.5 * 2^52 end at bit 51 and j = k mod 32) then gives 2^(k/32)'s bits.
print("float exp: ExpTable, the bits of 2^(j/32) less j * 2^47, j = 0..31:")
for j in range(0, 32, 4):
    print("    " + " ".join(f"0x{double_bits(t) - ((j + i) << 47):016X}," for i, t in enumerate(table[j:j + 4])))
