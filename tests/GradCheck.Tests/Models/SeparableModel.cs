namespace GradCheck.Tests.Models;

/// <summary>
/// A cheap model of any size: f = Σ ½·cᵢ·wᵢ² + dᵢ·wᵢ over every entry of every tensor, with cᵢ, dᵢ fixed per entry,
/// so the exact gradient is cᵢ·wᵢ + dᵢ. Big enough to stand in for a 1,000,000-parameter network.
/// </summary>
public sealed class SeparableModel : IDifferentiableModel<double>
{
    private readonly double[][] _values, _gradients, _c, _d;

    public SeparableModel(params (string Name, int[] Shape)[] tensors)
    {
        var random = new Random(3);
        int Size(int[] shape) => shape.Aggregate(1, (a, b) => a * b);
        double[] Random(int n, double low, double high) => Enumerable.Range(0, n).Select(_ => low + (high - low) * random.NextDouble()).ToArray();
        _values = tensors.Select(t => Random(Size(t.Shape), -1, 1)).ToArray();
        _gradients = tensors.Select(t => new double[Size(t.Shape)]).ToArray();
        _c = tensors.Select(t => Random(Size(t.Shape), 0.5, 2)).ToArray();
        _d = tensors.Select(t => Random(Size(t.Shape), -1, 1)).ToArray();
        Parameters = tensors.Select((t, i) => new Parameter<double>(t.Name, _values[i], _gradients[i], t.Shape)).ToArray();
    }

    public IReadOnlyList<Parameter<double>> Parameters { get; }

    public int LossCalls { get; private set; }

    /// <summary>Flat (tensor, index) pairs whose gradient is planted wrong (doubled).</summary>
    public HashSet<(int Tensor, int Index)> Wrong { get; } = [];

    public double Loss()
    {
        LossCalls++;
        double loss = 0;
        for (int t = 0; t < _values.Length; t++)
        {
            var w = _values[t];
            var c = _c[t];
            var d = _d[t];
            for (int i = 0; i < w.Length; i++) loss += (0.5 * c[i] * w[i] + d[i]) * w[i];
        }
        return loss;
    }

    public void Backward()
    {
        for (int t = 0; t < _values.Length; t++)
            for (int i = 0; i < _values[t].Length; i++)
                _gradients[t][i] = (Wrong.Contains((t, i)) ? 2 : 1) * (_c[t][i] * _values[t][i] + _d[t][i]);
    }
}
