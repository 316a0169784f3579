namespace GradCheck.Tests.RealShapes;

/// <summary>
/// A layer the way many C# network libraries write one: weights private, handed out only as copies and set through a
/// setter, gradients accumulated (+=) into private buffers that <see cref="ZeroGrad"/> clears, and an optional
/// inverted dropout on the inputs drawn from a seeded <see cref="Random"/> the caller may replace.
/// Loss = ½ Σₒ (tanh(zₒ) − yₒ)², zₒ = Σᵢ Wₒᵢ·mᵢ·xᵢ + bₒ, mᵢ ∈ {0, 2} (dropout 1/2) or 1.
/// Exact gradient: dWₒᵢ = (tanh zₒ − yₒ)(1 − tanh² zₒ)·mᵢ·xᵢ, dbₒ = (tanh zₒ − yₒ)(1 − tanh² zₒ).
/// </summary>
public sealed class PrivateDenseLayer
{
    private double[] _weights;
    private readonly double[] _bias;
    private readonly double[] _weightGrad, _biasGrad;
    private readonly double[] _x, _y;
    private double[] _mask = [];
    private double[] _z = [];

    public PrivateDenseLayer(int outputs = 3, int inputs = 4, bool dropout = false)
    {
        Outputs = outputs;
        Inputs = inputs;
        Dropout = dropout;
        var random = new Random(5);
        double Next() => random.NextDouble() * 2 - 1;
        _weights = Enumerable.Range(0, outputs * inputs).Select(_ => Next()).ToArray();
        _bias = Enumerable.Range(0, outputs).Select(_ => Next()).ToArray();
        _x = Enumerable.Range(0, inputs).Select(_ => Next()).ToArray();
        _y = Enumerable.Range(0, outputs).Select(_ => Next()).ToArray();
        _weightGrad = new double[_weights.Length];
        _biasGrad = new double[outputs];
    }

    public int Outputs { get; }
    public int Inputs { get; }
    public bool Dropout { get; }

    /// <summary>The generator dropout draws from (a training library's seeded Random).</summary>
    public Random Rng { get; set; } = new(123);

    /// <summary>Bug: the backward pass forgets the dropout mask (uses xᵢ instead of mᵢ·xᵢ).</summary>
    public bool ForgetMaskInBackward { get; init; }

    /// <summary>Bug: the backward pass forgets tanh's derivative (1 − tanh²) in the weight gradient.</summary>
    public bool ForgetTanhDerivative { get; init; }

    public int SetterCalls { get; private set; }

    public double[] GetWeights() => (double[])_weights.Clone();

    /// <summary>Stores a copy, as libraries do: the caller's array is not kept.</summary>
    public void SetWeights(double[] weights)
    {
        SetterCalls++;
        _weights = (double[])weights.Clone();
    }

    public double[] GetBias() => (double[])_bias.Clone();
    public void SetBias(ReadOnlySpan<double> bias) => bias.CopyTo(_bias);
    public double[] GetWeightGradient() => (double[])_weightGrad.Clone();
    public double[] GetBiasGradient() => (double[])_biasGrad.Clone();

    public void ZeroGrad()
    {
        Array.Clear(_weightGrad);
        Array.Clear(_biasGrad);
    }

    public double Forward()
    {
        _mask = Enumerable.Range(0, Inputs).Select(_ => Dropout ? (Rng.NextDouble() < 0.5 ? 0.0 : 2.0) : 1.0).ToArray();
        _z = new double[Outputs];
        double loss = 0;
        for (int o = 0; o < Outputs; o++)
        {
            double z = _bias[o];
            for (int i = 0; i < Inputs; i++) z += _weights[o * Inputs + i] * _mask[i] * _x[i];
            _z[o] = z;
            double r = Math.Tanh(z) - _y[o];
            loss += 0.5 * r * r;
        }
        return loss;
    }

    /// <summary>Accumulates into the gradient buffers, like PyTorch-style libraries: call <see cref="ZeroGrad"/> first.</summary>
    public void Backward()
    {
        for (int o = 0; o < Outputs; o++)
        {
            double t = Math.Tanh(_z[o]);
            double delta = (t - _y[o]) * (1 - t * t);
            _biasGrad[o] += delta;
            double weightDelta = ForgetTanhDerivative ? t - _y[o] : delta;
            for (int i = 0; i < Inputs; i++)
                _weightGrad[o * Inputs + i] += weightDelta * (ForgetMaskInBackward ? 1 : _mask[i]) * _x[i];
        }
    }

    /// <summary>The exact gradient at the current weights for a given mask, written independently of Backward().</summary>
    public (double[] Weight, double[] Bias) ExactGradient(double[] mask)
    {
        var dw = new double[_weights.Length];
        var db = new double[Outputs];
        for (int o = 0; o < Outputs; o++)
        {
            double z = _bias[o];
            for (int i = 0; i < Inputs; i++) z += _weights[o * Inputs + i] * mask[i] * _x[i];
            double t = Math.Tanh(z);
            db[o] = (t - _y[o]) * (1 - t * t);
            for (int i = 0; i < Inputs; i++) dw[o * Inputs + i] = db[o] * mask[i] * _x[i];
        }
        return (dw, db);
    }
}

/// <summary>
/// The user's adapter over <see cref="PrivateDenseLayer"/>: no shadow buffers, just accessors. Backward() calls the
/// layer's accumulating backward as it is (zeroing is the check's job when asked, or the adapter's via IZeroGradients).
/// </summary>
public class PrivateLayerModel(PrivateDenseLayer layer, bool withClearGradient = true) : IDifferentiableModel<double>
{
    public PrivateDenseLayer Layer { get; } = layer;

    public IReadOnlyList<Parameter<double>> Parameters { get; } =
    [
        Parameter<double>.FromAccessors("dense.weight", [layer.Outputs, layer.Inputs],
            readValues: destination => layer.GetWeights().CopyTo(destination),
            writeValues: source => layer.SetWeights(source.ToArray()),
            readGradient: destination => layer.GetWeightGradient().CopyTo(destination),
            clearGradient: withClearGradient ? layer.ZeroGrad : null),
        Parameter<double>.FromAccessors("dense.bias", [layer.Outputs],
            readValues: destination => layer.GetBias().CopyTo(destination),
            writeValues: layer.SetBias,
            readGradient: destination => layer.GetBiasGradient().CopyTo(destination),
            clearGradient: withClearGradient ? layer.ZeroGrad : null),
    ];

    public double Loss() => Layer.Forward();

    public void Backward() => Layer.Backward();
}

/// <summary>The same adapter with the model hook instead of the option.</summary>
public sealed class ZeroingPrivateLayerModel(PrivateDenseLayer layer) : PrivateLayerModel(layer, withClearGradient: false), IZeroGradients
{
    public void ZeroGradients() => Layer.ZeroGrad();
}
