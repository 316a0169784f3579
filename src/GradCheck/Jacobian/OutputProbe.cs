using System.Globalization;
using GradCheck.FiniteDifferences;
using GradCheck.Internal;

namespace GradCheck.Jacobian;

/// <summary>
/// One output of a vector function along one input coordinate. The estimator asks for the same offsets for every
/// output of a column, so each evaluation of f is cached by offset and serves all outputs: a column of m entries
/// costs about as much as one entry. The input is perturbed in place and restored in <c>finally</c>.
/// </summary>
internal sealed class OutputProbe : ILineProbe
{
    private readonly Func<double[], double[]> _function;
    private readonly double[] _point;
    private readonly double[] _y0;
    private readonly EvaluationCounter _counter;
    private readonly Func<int, string> _name;
    private readonly CancellationToken _cancellation;
    private readonly Dictionary<double, (double[] Y, double Actual)> _cache = [];
    private int _input;
    private int _output;
    private double _original;

    public OutputProbe(Func<double[], double[]> function, double[] point, double[] y0, EvaluationCounter counter, Func<int, string> name, CancellationToken cancellation)
    {
        _function = function;
        _point = point;
        _y0 = y0;
        _counter = counter;
        _name = name;
        _cancellation = cancellation;
    }

    public double X => _original;

    public double F0 => _y0[_output];

    public double Epsilon { get; } = Math.Pow(2, -52);

    /// <summary>Not measured for vector functions: the assumed ulps of each output are the rounding model.</summary>
    public double Noise => 0;

    /// <summary>Moves to a new input coordinate: the cached evaluations belong to the old one.</summary>
    public void MoveToInput(int input)
    {
        _input = input;
        _original = _point[input];
        _cache.Clear();
    }

    public void SelectOutput(int output) => _output = output;

    public double Evaluate(double offset, out double actualOffset)
    {
        if (!_cache.TryGetValue(offset, out var hit))
        {
            _cancellation.ThrowIfCancellationRequested();
            double moved = _original + offset;
            double[] y;
            _point[_input] = moved;
            try
            {
                y = UserCode.Invoke(() => _function(_point), "The function",
                    () => string.Create(CultureInfo.InvariantCulture, $"while {_name(_input)} was perturbed from {_original:G17} to {moved:G17}"), _input);
            }
            finally
            {
                _point[_input] = _original;
                _counter.Count++;
            }
            JacobianShapes.RequireLength(y, _y0.Length, "The function");
            hit = (y, moved - _original);
            _cache[offset] = hit;
        }
        actualOffset = hit.Actual;
        return hit.Y[_output];
    }
}

/// <summary>Shape checks with messages that say what was expected.</summary>
internal static class JacobianShapes
{
    public static void RequireLength(double[]? values, int expected, string who)
    {
        if (values is null)
            throw new ArgumentException($"{who} returned null; it must return {expected} values.");
        if (values.Length != expected)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{who} returned {values.Length} values but {expected} were expected (outputs of f for f and a Jacobian-vector product, inputs for a vector-Jacobian product)."));
    }
}
