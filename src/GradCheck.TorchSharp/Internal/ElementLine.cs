using System.Globalization;
using GradCheck.Lines;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// The function along one element of one input tensor. Each evaluation gives every output element at once, so
/// values are cached by offset: the estimators for all output elements of this input element ask for the same
/// offsets and share the forward passes. Cached values can be verified by evaluating their offsets again, once each.
/// </summary>
internal sealed class ElementLine
{
    private readonly Tensor _tensor;
    private readonly long _index;
    private readonly Evaluator _evaluator;
    private readonly string _name;
    private readonly Dictionary<double, (double Actual, double[][] Values)> _cache = [];
    private readonly HashSet<double> _verified = [];
    private readonly LineCheck _lines;
    private readonly RandomnessHandling _randomness;

    public ElementLine(Tensor tensor, long index, double x, Evaluator evaluator, string name, LineCheck lines, RandomnessHandling randomness)
    {
        _lines = lines;
        _randomness = randomness;
        _tensor = tensor;
        _index = index;
        X = x;
        _evaluator = evaluator;
        _name = name;
    }

    public double X { get; }

    public (double Actual, double[][] Values) At(double offset)
    {
        if (_cache.TryGetValue(offset, out var cached)) return cached;
        var result = Evaluate(offset);
        _cache[offset] = result;
        return result;
    }

    /// <summary>
    /// Evaluates every cached offset not verified yet again and throws <see cref="NonDeterministicFunctionException"/> when
    /// an output element differs by more than <paramref name="tolerance"/>: the line's values are shared by every output
    /// element, so one repeat per offset serves them all.
    /// </summary>
    public void VerifyRepeatable(double tolerance)
    {
        foreach (var (offset, (_, first)) in _cache.ToArray())
        {
            if (!_verified.Add(offset)) continue;
            var (_, again) = Evaluate(offset);
            for (int o = 0; o < first.Length; o++)
            {
                for (int j = 0; j < first[o].Length; j++)
                {
                    double a = first[o][j], b = again[o][j];
                    if (tolerance == 0 ? a.Equals(b) : Math.Abs(a - b) <= tolerance) continue;
                    throw new NonDeterministicFunctionException(string.Create(CultureInfo.InvariantCulture,
                        $"The function gave two different values of output {o}, element {j} at the same point ({_name} perturbed from {X:G17} by {offset:G3}): ")
                        + _lines.NondeterminismMessage(a, b) + Determinism.Advice(_randomness));
                }
            }
        }
    }

    private (double Actual, double[][] Values) Evaluate(double offset)
    {
        double moved = TensorValues.Round(_tensor.dtype, X + offset);
        double actual = moved - X;
        TensorValues.Write(_tensor, _index, moved);
        try
        {
            // The description is formatted only if the evaluation fails: formatting two G17 values cost more than a small forward pass.
            return (actual, _evaluator.Values(() => string.Create(CultureInfo.InvariantCulture, $"{_name} perturbed from {X:G17} to {moved:G17}")));
        }
        finally
        {
            TensorValues.Write(_tensor, _index, X);
        }
    }
}

/// <summary>One output element along an <see cref="ElementLine"/>, as the core's line check sees it.</summary>
internal sealed class OutputLineProbe : IRepeatableLineFunction
{
    private readonly ElementLine _line;
    private readonly int _output;
    private readonly long _element;

    public OutputLineProbe(ElementLine line, int output, long element, double f0, double epsilon)
    {
        _line = line;
        _output = output;
        _element = element;
        F0 = f0;
        Epsilon = epsilon;
    }

    public double X => _line.X;

    public double F0 { get; }

    public double Epsilon { get; }

    public double Evaluate(double offset, out double actualOffset)
    {
        var (actual, values) = _line.At(offset);
        actualOffset = actual;
        return values[_output][_element];
    }

    public void VerifyRepeatable(double tolerance) => _line.VerifyRepeatable(tolerance);
}
