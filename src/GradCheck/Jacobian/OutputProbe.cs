using System.Globalization;
using System.Numerics;
using GradCheck.FiniteDifferences;
using GradCheck.Internal;

namespace GradCheck.Jacobian;

/// <summary>
/// One output of a vector function along one input coordinate. The estimator asks for the same offsets for every
/// output of a column, so each evaluation of f is cached by offset and serves all outputs: a column of m entries
/// costs about as much as one entry. The input is perturbed in place and restored in <c>finally</c>. In T: the
/// perturbed coordinate is rounded to T and the offset reported is the one that was really applied, and the epsilon is
/// T's, so the estimator sees float32 steps and float32 rounding as they are (as <see cref="Internal.CoordinateProbe{T}"/> does).
/// </summary>
internal sealed class OutputProbe<T> : ILineProbe where T : IFloatingPointIeee754<T>
{
    private readonly Func<T[], T[]> _function;
    private readonly T[] _point;
    private readonly double[] _y0;
    private readonly EvaluationCounter _counter;
    private readonly Func<int, string> _name;
    private readonly CancellationToken _cancellation;
    private readonly Dictionary<double, (double[] Y, double Actual)> _cache = [];
    private int _input;
    private int _output;
    private T _original = T.Zero;

    public OutputProbe(Func<T[], T[]> function, T[] point, double[] y0, EvaluationCounter counter, Func<int, string> name, CancellationToken cancellation)
    {
        _function = function;
        _point = point;
        _y0 = y0;
        _counter = counter;
        _name = name;
        _cancellation = cancellation;
    }

    public double X { get; private set; }

    public double F0 => _y0[_output];

    public double Epsilon { get; } = CheckInputs.Epsilon<T>();

    /// <summary>Not measured for vector functions: the assumed ulps of each output are the rounding model.</summary>
    public double Noise => 0;

    /// <summary>Moves to a new input coordinate: the cached evaluations belong to the old one.</summary>
    public void MoveToInput(int input)
    {
        _input = input;
        _original = _point[input];
        X = double.CreateChecked(_original);
        _cache.Clear();
    }

    public void SelectOutput(int output) => _output = output;

    public double Evaluate(double offset, out double actualOffset)
    {
        if (!_cache.TryGetValue(offset, out var hit))
        {
            _cancellation.ThrowIfCancellationRequested();
            T moved = _original + T.CreateChecked(offset);
            T[] y;
            _point[_input] = moved;
            try
            {
                y = UserCode.Invoke(() => _function(_point), "The function",
                    () => string.Create(CultureInfo.InvariantCulture, $"while {_name(_input)} was perturbed from {X:G17} to {double.CreateChecked(moved):G17}"), _input);
            }
            finally
            {
                _point[_input] = _original;
                _counter.Count++;
            }
            JacobianShapes.RequireLength(y, _y0.Length, "The function");
            // Kept as doubles (exact), a copy: the user may reuse the returned buffer on the next call.
            hit = (JacobianVectors.ToDouble(y), double.CreateChecked(moved) - X);
            _cache[offset] = hit;
        }
        actualOffset = hit.Actual;
        return hit.Y[_output];
    }
}

/// <summary>Shape checks with messages that say what was expected.</summary>
internal static class JacobianShapes
{
    public static void RequireLength<TValue>(TValue[]? values, int expected, string who)
    {
        if (values is null)
            throw new ArgumentException($"{who} returned null; it must return {expected} values.");
        if (values.Length != expected)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{who} returned {values.Length} values but {expected} were expected (outputs of f for f and a Jacobian-vector product, inputs for a vector-Jacobian product)."));
    }
}
