using System.Numerics;

namespace GradCheck.Samples;

/// <summary>
/// A small convolutional classifier: a 1-channel image, a valid 2-D convolution with a few 3×3 filters and a bias
/// per filter, tanh, a linear layer to the class logits, softmax cross-entropy averaged over a fixed batch and L2
/// weight decay on both weight tensors. The backward pass is written by hand; <see cref="Bug"/> plants a mistake.
/// </summary>
public sealed class ConvClassifier<T> : IDifferentiableModel<T> where T : IFloatingPointIeee754<T>
{
    private const int Kernel = 3;
    private readonly int _size, _filters, _classes, _out, _features;
    private readonly T[][] _images;
    private readonly int[] _labels;
    private readonly T _decay;
    private readonly T[] _kernel, _convBias, _weight, _bias, _gKernel, _gConvBias, _gWeight, _gBias;

    public ConvClassifier(int imageSize = 6, int filters = 2, int classes = 3, int batch = 4, int seed = 1, double weightDecay = 0.01, PlantedBug bug = PlantedBug.None)
    {
        (_size, _filters, _classes, Bug) = (imageSize, filters, classes, bug);
        _out = imageSize - Kernel + 1;
        _features = filters * _out * _out;
        var random = new Random(seed);
        _images = Enumerable.Range(0, batch).Select(_ => SampleData.Uniform<T>(random, imageSize * imageSize, 1)).ToArray();
        _labels = SampleData.Labels(random, batch, classes);
        _kernel = SampleData.Weights<T>(random, filters * Kernel * Kernel, Kernel * Kernel);
        _convBias = SampleData.Weights<T>(random, filters, Kernel * Kernel);
        _weight = SampleData.Weights<T>(random, classes * _features, _features);
        _bias = SampleData.Weights<T>(random, classes, _features);
        (_gKernel, _gConvBias, _gWeight, _gBias) = (new T[_kernel.Length], new T[filters], new T[_weight.Length], new T[classes]);
        _decay = T.CreateChecked(weightDecay);
        Parameters =
        [
            new Parameter<T>("conv.weight", _kernel, _gKernel, [filters, Kernel, Kernel]),
            new Parameter<T>("conv.bias", _convBias, _gConvBias, [filters]),
            new Parameter<T>("fc.weight", _weight, _gWeight, [classes, _features]),
            new Parameter<T>("fc.bias", _bias, _gBias, [classes]),
        ];
    }

    /// <summary>The planted bug (or none).</summary>
    public PlantedBug Bug { get; }

    /// <summary>Examples in the fixed batch.</summary>
    public int BatchSize => _images.Length;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <inheritdoc />
    public T Loss()
    {
        T loss = T.Zero;
        var activations = new T[_features];
        var logits = new T[_classes];
        for (int n = 0; n < _images.Length; n++)
        {
            Forward(_images[n], activations, logits);
            loss += SoftmaxCrossEntropy.Loss<T>(logits, _labels[n]);
        }
        return loss / T.CreateChecked(_images.Length) + _decay / T.CreateChecked(2) * (SumOfSquares(_kernel) + SumOfSquares(_weight));
    }

    /// <inheritdoc />
    public void Backward()
    {
        foreach (var g in new[] { _gKernel, _gConvBias, _gWeight, _gBias }) Array.Clear(g);
        var activations = new T[_features];
        var logits = new T[_classes];
        var dLogits = new T[_classes];
        var dz = new T[_features];
        T scale = Bug == PlantedBug.ForgottenBatchMean ? T.One : T.One / T.CreateChecked(_images.Length);
        for (int n = 0; n < _images.Length; n++)
        {
            var image = _images[n];
            Forward(image, activations, logits);
            SoftmaxCrossEntropy.Gradient<T>(logits, _labels[n], scale, dLogits);
            Array.Clear(dz);
            for (int c = 0; c < _classes; c++)
            {
                if (Bug == PlantedBug.SignError) _gBias[c] -= dLogits[c];
                else _gBias[c] += dLogits[c];
                for (int m = 0; m < _features; m++)
                {
                    _gWeight[c * _features + m] += dLogits[c] * activations[m];
                    dz[m] += _weight[c * _features + m] * dLogits[c];
                }
            }
            for (int m = 0; m < _features; m++) dz[m] *= T.One - activations[m] * activations[m];
            for (int f = 0; f < _filters; f++)
                for (int r = 0; r < _out; r++)
                    for (int s = 0; s < _out; s++)
                    {
                        T d = dz[(f * _out + r) * _out + s];
                        if (Bug != PlantedBug.MissingBiasGradient) _gConvBias[f] += d;
                        for (int u = 0; u < Kernel; u++)
                            for (int v = 0; v < Kernel; v++)
                            {
                                // The transposed bug: the kernel gradient indexed [f, v, u] instead of [f, u, v].
                                int at = Bug == PlantedBug.TransposedWeightGradient ? (f * Kernel + v) * Kernel + u : (f * Kernel + u) * Kernel + v;
                                _gKernel[at] += d * image[(r + u) * _size + s + v];
                            }
                    }
        }
        if (Bug != PlantedBug.MissingWeightDecay)
        {
            for (int k = 0; k < _kernel.Length; k++) _gKernel[k] += _decay * _kernel[k];
            for (int k = 0; k < _weight.Length; k++) _gWeight[k] += _decay * _weight[k];
        }
    }

    private void Forward(T[] image, T[] activations, T[] logits)
    {
        for (int f = 0; f < _filters; f++)
            for (int r = 0; r < _out; r++)
                for (int s = 0; s < _out; s++)
                {
                    T z = _convBias[f];
                    for (int u = 0; u < Kernel; u++)
                        for (int v = 0; v < Kernel; v++) z += _kernel[(f * Kernel + u) * Kernel + v] * image[(r + u) * _size + s + v];
                    activations[(f * _out + r) * _out + s] = T.Tanh(z);
                }
        for (int c = 0; c < _classes; c++)
        {
            T z = _bias[c];
            for (int m = 0; m < _features; m++) z += _weight[c * _features + m] * activations[m];
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
