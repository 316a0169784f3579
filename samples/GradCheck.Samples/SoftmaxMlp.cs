using System.Numerics;

namespace GradCheck.Samples;

/// <summary>
/// A two-layer classifier, logits = W2·tanh(W1·x + b1) + b2, with softmax cross-entropy averaged over a fixed batch
/// and L2 weight decay (λ/2)(‖W1‖² + ‖W2‖²), and a backward pass written by hand. Generic, so the same code runs
/// in float and double; <see cref="Bug"/> plants a realistic mistake in the backward pass.
/// </summary>
public sealed class SoftmaxMlp<T> : IDifferentiableModel<T> where T : IFloatingPointIeee754<T>
{
    private readonly int _inputs, _hidden, _classes;
    private readonly T[][] _x;
    private readonly int[] _labels;
    private readonly T _decay;
    private readonly T[] _w1, _b1, _w2, _b2, _gw1, _gb1, _gw2, _gb2;

    public SoftmaxMlp(int inputs = 4, int hidden = 5, int classes = 3, int batch = 6, int seed = 1, double weightDecay = 0.01, PlantedBug bug = PlantedBug.None)
    {
        (_inputs, _hidden, _classes, Bug) = (inputs, hidden, classes, bug);
        var random = new Random(seed);
        _x = Enumerable.Range(0, batch).Select(_ => SampleData.Uniform<T>(random, inputs, 1)).ToArray();
        _labels = SampleData.Labels(random, batch, classes);
        _w1 = SampleData.Weights<T>(random, hidden * inputs, inputs);
        _b1 = SampleData.Weights<T>(random, hidden, inputs);
        _w2 = SampleData.Weights<T>(random, classes * hidden, hidden);
        _b2 = SampleData.Weights<T>(random, classes, hidden);
        (_gw1, _gb1, _gw2, _gb2) = (new T[_w1.Length], new T[_b1.Length], new T[_w2.Length], new T[_b2.Length]);
        _decay = T.CreateChecked(weightDecay);
        Parameters =
        [
            new Parameter<T>("fc1.weight", _w1, _gw1, [hidden, inputs]),
            new Parameter<T>("fc1.bias", _b1, _gb1, [hidden]),
            new Parameter<T>("fc2.weight", _w2, _gw2, [classes, hidden]),
            new Parameter<T>("fc2.bias", _b2, _gb2, [classes]),
        ];
    }

    /// <summary>The planted bug (or none).</summary>
    public PlantedBug Bug { get; }

    /// <summary>Examples in the fixed batch.</summary>
    public int BatchSize => _x.Length;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <inheritdoc />
    public T Loss()
    {
        T loss = T.Zero;
        var hidden = new T[_hidden];
        var logits = new T[_classes];
        for (int n = 0; n < _x.Length; n++)
        {
            Forward(_x[n], hidden, logits);
            loss += SoftmaxCrossEntropy.Loss<T>(logits, _labels[n]);
        }
        return loss / T.CreateChecked(_x.Length) + _decay / T.CreateChecked(2) * (SumOfSquares(_w1) + SumOfSquares(_w2));
    }

    /// <inheritdoc />
    public void Backward()
    {
        foreach (var g in new[] { _gw1, _gb1, _gw2, _gb2 }) Array.Clear(g);
        var hidden = new T[_hidden];
        var logits = new T[_classes];
        var dLogits = new T[_classes];
        var dHidden = new T[_hidden];
        T scale = Bug == PlantedBug.ForgottenBatchMean ? T.One : T.One / T.CreateChecked(_x.Length);
        for (int n = 0; n < _x.Length; n++)
        {
            var x = _x[n];
            Forward(x, hidden, logits);
            SoftmaxCrossEntropy.Gradient<T>(logits, _labels[n], scale, dLogits);
            Array.Clear(dHidden);
            for (int c = 0; c < _classes; c++)
            {
                if (Bug == PlantedBug.SignError) _gb2[c] -= dLogits[c];
                else _gb2[c] += dLogits[c];
                for (int j = 0; j < _hidden; j++)
                {
                    _gw2[c * _hidden + j] += dLogits[c] * hidden[j];
                    dHidden[j] += _w2[c * _hidden + j] * dLogits[c];
                }
            }
            for (int j = 0; j < _hidden; j++)
            {
                T dz = dHidden[j] * (T.One - hidden[j] * hidden[j]);
                if (Bug != PlantedBug.MissingBiasGradient) _gb1[j] += dz;
                for (int i = 0; i < _inputs; i++)
                {
                    // The transposed bug: indexing the [hidden, inputs] gradient as if it were [inputs, hidden].
                    int at = Bug == PlantedBug.TransposedWeightGradient ? i * _hidden + j : j * _inputs + i;
                    _gw1[at] += dz * x[i];
                }
            }
        }
        if (Bug != PlantedBug.MissingWeightDecay)
        {
            for (int k = 0; k < _w1.Length; k++) _gw1[k] += _decay * _w1[k];
            for (int k = 0; k < _w2.Length; k++) _gw2[k] += _decay * _w2[k];
        }
    }

    private void Forward(T[] x, T[] hidden, T[] logits)
    {
        for (int j = 0; j < _hidden; j++)
        {
            T z = _b1[j];
            for (int i = 0; i < _inputs; i++) z += _w1[j * _inputs + i] * x[i];
            hidden[j] = T.Tanh(z);
        }
        for (int c = 0; c < _classes; c++)
        {
            T z = _b2[c];
            for (int j = 0; j < _hidden; j++) z += _w2[c * _hidden + j] * hidden[j];
            logits[c] = z;
        }
    }

    private static T SumOfSquares(T[] values)
    {
        T sum = T.Zero;
        foreach (var v in values) sum += v * v;
        return sum;
    }
}
