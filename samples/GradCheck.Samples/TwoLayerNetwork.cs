namespace GradCheck.Samples;

/// <summary>
/// A small two-layer network, y = W2·tanh(W1·x + b1) + b2, with mean squared error over a fixed batch and a
/// backprop written by hand — the code the seed tells us to check. All parameters live in one flat vector.
/// </summary>
public sealed class TwoLayerNetwork
{
    private readonly int _inputs, _hidden, _outputs;
    private readonly double[][] _x, _y;

    public TwoLayerNetwork(int inputs, int hidden, int outputs, int batch, int seed)
    {
        (_inputs, _hidden, _outputs) = (inputs, hidden, outputs);
        var random = new Random(seed);
        _x = Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, inputs).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        _y = Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, outputs).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
    }

    /// <summary>When true, the backprop forgets the tanh derivative's factor for the first hidden unit: a realistic slip.</summary>
    public bool PlantBug { get; init; }

    public int ParameterCount => _hidden * _inputs + _hidden + _outputs * _hidden + _outputs;

    /// <summary>Weights away from zero (the seed: wrong gradients hide while weights are near zero).</summary>
    public double[] InitialParameters(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, ParameterCount).Select(_ => (random.NextDouble() * 2 - 1) * 0.8).ToArray();
    }

    public string ParameterName(int index)
    {
        int w1 = _hidden * _inputs, b1 = w1 + _hidden, w2 = b1 + _outputs * _hidden;
        if (index < w1) return $"W1[{index / _inputs},{index % _inputs}]";
        if (index < b1) return $"b1[{index - w1}]";
        if (index < w2) return $"W2[{(index - b1) / _hidden},{(index - b1) % _hidden}]";
        return $"b2[{index - w2}]";
    }

    public double Loss(double[] p)
    {
        double loss = 0;
        foreach (var (x, y) in _x.Zip(_y))
        {
            var (_, _, output) = Forward(p, x);
            for (int o = 0; o < _outputs; o++) loss += 0.5 * Square(output[o] - y[o]);
        }
        return loss / _x.Length;
    }

    public double[] Gradient(double[] p)
    {
        var g = new double[p.Length];
        int w1 = 0, b1 = _hidden * _inputs, w2 = b1 + _hidden, b2 = w2 + _outputs * _hidden;
        foreach (var (x, y) in _x.Zip(_y))
        {
            var (_, hidden, output) = Forward(p, x);
            var dOutput = new double[_outputs];
            for (int o = 0; o < _outputs; o++) dOutput[o] = (output[o] - y[o]) / _x.Length;
            var dHidden = new double[_hidden];
            for (int o = 0; o < _outputs; o++)
            {
                g[b2 + o] += dOutput[o];
                for (int h = 0; h < _hidden; h++)
                {
                    g[w2 + o * _hidden + h] += dOutput[o] * hidden[h];
                    dHidden[h] += dOutput[o] * p[w2 + o * _hidden + h];
                }
            }
            for (int h = 0; h < _hidden; h++)
            {
                double tanhDerivative = PlantBug && h == 0 ? 1 : 1 - hidden[h] * hidden[h];
                double dz = dHidden[h] * tanhDerivative;
                g[b1 + h] += dz;
                for (int i = 0; i < _inputs; i++) g[w1 + h * _inputs + i] += dz * x[i];
            }
        }
        return g;
    }

    private (double[] Z, double[] Hidden, double[] Output) Forward(double[] p, double[] x)
    {
        int b1 = _hidden * _inputs, w2 = b1 + _hidden, b2 = w2 + _outputs * _hidden;
        var z = new double[_hidden];
        var hidden = new double[_hidden];
        for (int h = 0; h < _hidden; h++)
        {
            z[h] = p[b1 + h];
            for (int i = 0; i < _inputs; i++) z[h] += p[h * _inputs + i] * x[i];
            hidden[h] = Math.Tanh(z[h]);
        }
        var output = new double[_outputs];
        for (int o = 0; o < _outputs; o++)
        {
            output[o] = p[b2 + o];
            for (int h = 0; h < _hidden; h++) output[o] += p[w2 + o * _hidden + h] * hidden[h];
        }
        return (z, hidden, output);
    }

    private static double Square(double v) => v * v;
}
