using System.Globalization;
using System.Numerics;
using GradCheck.FiniteDifferences;

namespace GradCheck.Internal;

/// <summary>
/// f along one coordinate of the caller's array: perturbs the entry in place, evaluates, and restores it in
/// <c>finally</c>, so the array is bit-identical after any outcome. Counts evaluations; wraps exceptions so
/// they name the coordinate.
/// </summary>
internal sealed class CoordinateProbe<T> : ILineProbe where T : IFloatingPointIeee754<T>
{
    private readonly Func<T[], T> _function;
    private readonly T[] _point;
    private readonly EvaluationCounter _counter;
    private readonly Func<int, string> _name;
    private readonly CancellationToken _cancellation;
    private int _index;
    private T _original = T.Zero;

    public CoordinateProbe(Func<T[], T> function, T[] point, double f0, double noise, EvaluationCounter counter, Func<int, string> name, CancellationToken cancellation)
    {
        _function = function;
        _point = point;
        _counter = counter;
        _name = name;
        _cancellation = cancellation;
        F0 = f0;
        Noise = noise;
        Epsilon = double.CreateChecked(MachineEpsilon());
    }

    public double X { get; private set; }

    public double F0 { get; }

    public double Epsilon { get; }

    public double Noise { get; }

    public int Index => _index;

    /// <summary>The evaluations since the last <see cref="MoveTo"/>, for <see cref="VerifyRepeatable"/>.</summary>
    private readonly RepeatLog _log = new();

    public void MoveTo(int index)
    {
        _log.Clear();
        _index = index;
        _original = _point[index];
        X = double.CreateChecked(_original);
    }

    public double Evaluate(double offset, out double actualOffset)
    {
        double value = EvaluateUnlogged(offset, out actualOffset);
        _log.Record(offset, value);
        return value;
    }

    /// <summary>
    /// Evaluates this coordinate's offsets again and throws <see cref="NonDeterministicFunctionException"/> when a
    /// value differs: called when an entry's differences did not behave like a smooth function's. Returns the count.
    /// </summary>
    public int VerifyRepeatable(double tolerance) =>
        _log.Verify(offset => EvaluateUnlogged(offset, out _), tolerance,
            offset => string.Create(CultureInfo.InvariantCulture, $"{_name(_index)} = {X:G17} {(offset >= 0 ? "+" : "−")} {Math.Abs(offset):G3}"));

    private double EvaluateUnlogged(double offset, out double actualOffset)
    {
        _cancellation.ThrowIfCancellationRequested();
        T moved = _original + T.CreateChecked(offset);
        double actual = double.CreateChecked(moved) - X;
        actualOffset = actual;
        T value;
        _point[_index] = moved;
        try
        {
            value = UserCode.Invoke(() => _function(_point), "The function", () => string.Create(CultureInfo.InvariantCulture,
                $"while {_name(_index)} was perturbed from {X:G17} to {double.CreateChecked(moved):G17} (offset {actual:G3})"), _index);
        }
        finally
        {
            _point[_index] = _original;
            _counter.Count++;
        }
        return double.CreateChecked(value);
    }

    /// <summary>The distance from 1 to the next larger value of T (2⁻⁵² for double, 2⁻²³ for float).</summary>
    internal static T MachineEpsilon() => T.BitIncrement(T.One) - T.One;
}

/// <summary>A mutable evaluation count shared by the probes of one check.</summary>
internal sealed class EvaluationCounter
{
    public int Count;
}
