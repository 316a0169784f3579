using System.Collections;
using System.Numerics;

namespace GradCheck.Internal;

/// <summary>
/// The analytic gradient a check judges, read as doubles from the array the user's gradient returned, without a copy.
/// A copy as doubles was a whole copy of the point (two for float), the largest allocation of a fast check after the
/// snapshot that restores the point. Borrowing the caller's array is safe only while nothing writes into it, so the
/// check takes a fingerprint when it starts judging and compares it before it reports (<see cref="Unchanged"/>); an f
/// that writes into the array its gradient returned makes the check run again on a private copy.
/// </summary>
internal sealed class GradientValues<T> : IReadOnlyList<double> where T : IFloatingPointIeee754<T>
{
    private readonly T[] _values;
    private readonly ulong _fingerprint;

    private GradientValues(T[] values, bool owned, ulong fingerprint)
    {
        _values = values;
        Owned = owned;
        _fingerprint = fingerprint;
    }

    /// <summary>
    /// The user's array, read in place. <paramref name="fingerprint"/>: its <see cref="Fingerprint"/> when the caller
    /// has just computed it (the reentrancy check has), so the array is not read a third time for it.
    /// </summary>
    public static GradientValues<T> Borrow(T[] values, ulong? fingerprint = null) => new(values, owned: false, fingerprint ?? Fingerprint(values));

    /// <summary>A private copy of <paramref name="values"/>: nothing the user's code does can change it, so it needs no fingerprint.</summary>
    public static GradientValues<T> Copy(T[] values) => new((T[])values.Clone(), owned: true, fingerprint: 0);

    /// <summary>Whether the values are a private copy rather than the user's array.</summary>
    public bool Owned { get; }

    public double this[int index] => double.CreateChecked(_values[index]);

    public int Count => _values.Length;

    /// <summary>True when the values still are what they were when the check started to judge them.</summary>
    public bool Unchanged() => Owned || Fingerprint(_values) == _fingerprint;

    /// <summary>
    /// A 64-bit, order-dependent fingerprint of the values' bits: two calls whose arrays have equal fingerprints
    /// returned the same values (a chance collision is about 2⁻⁶⁴), so equal results need no copy to be compared.
    /// </summary>
    public static ulong Fingerprint(T[] values)
    {
        ulong hash = 0x9E3779B97F4A7C15UL ^ (ulong)values.Length;
        foreach (var value in values)
        {
            ulong bits = (ulong)BitConverter.DoubleToInt64Bits(double.CreateChecked(value));
            hash = BitOperations.RotateLeft(hash ^ (bits * 0xBF58476D1CE4E5B9UL), 27) * 0x94D049BB133111EBUL;
        }
        return hash;
    }

    public IEnumerator<double> GetEnumerator()
    {
        foreach (var value in _values) yield return double.CreateChecked(value);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
