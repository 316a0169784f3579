using System.Globalization;
using GradCheck.Lines;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// The function along one element of one input tensor. Each evaluation gives every output element at once, so
/// values are cached by offset: the estimators for all output elements of this input element ask for the same
/// offsets and share the forward passes.
/// </summary>
internal sealed class ElementLine
{
    private readonly Tensor _tensor;
    private readonly long _index;
    private readonly Evaluator _evaluator;
    private readonly string _name;
    private readonly Dictionary<double, (double Actual, double[][] Values)> _cache = [];

    public ElementLine(Tensor tensor, long index, double x, Evaluator evaluator, string name)
    {
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
        double moved = TensorValues.Round(_tensor.dtype, X + offset);
        double actual = moved - X;
        TensorValues.Write(_tensor, _index, moved);
        double[][] values;
        try
        {
            values = _evaluator.Values(string.Create(CultureInfo.InvariantCulture, $"{_name} perturbed from {X:G17} to {moved:G17}"));
        }
        finally
        {
            TensorValues.Write(_tensor, _index, X);
        }
        var result = (actual, values);
        _cache[offset] = result;
        return result;
    }
}

/// <summary>One output element along an <see cref="ElementLine"/>, as the core's line check sees it.</summary>
internal sealed class OutputLineProbe : ILineFunction
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
}
