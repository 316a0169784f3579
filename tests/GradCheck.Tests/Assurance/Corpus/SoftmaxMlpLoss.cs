using System.Numerics;

namespace GradCheck.Tests.Assurance;

/// <summary>
/// Mean softmax cross-entropy of a one-hidden-layer tanh network, logits = W₂·tanh(W₁·aᵢ), over a batch of 6.
/// Parameters: W₁ (3 × inputs) then W₂ (3 × 3), row-major; the inputs are chosen so the count is close to the n asked for.
/// </summary>
public sealed class SoftmaxMlpLoss : SmoothLoss
{
    private const int Hidden = 3, Classes = 3, Batch = 6;

    private readonly int _inputs;
    private readonly double[][] _a;
    private readonly int[] _labels;

    public SoftmaxMlpLoss(int n, int seed)
    {
        var random = RandomStream.For(nameof(SoftmaxMlpLoss), seed);
        _inputs = Math.Max(1, (n - Hidden * Classes + 1) / Hidden);
        _a = RandomMatrix(random, Batch, _inputs);
        _labels = Enumerable.Range(0, Batch).Select(_ => random.Next(Classes)).ToArray();
        Point = RandomVector(random, Hidden * _inputs + Classes * Hidden);
    }

    public override string Name => $"softmax MLP n={Dimension}";

    public override double[] Point { get; }

    public override T Evaluate<T>(T[] p)
    {
        T sum = T.Zero;
        for (int i = 0; i < Batch; i++)
        {
            var z = Logits(p, Hiddens(p, i));
            T m = z.Max()!;
            T s = T.Zero;
            foreach (var v in z) s += T.Exp(v - m);
            sum += m + T.Log(s) - z[_labels[i]];
        }
        return sum / C<T>(Batch);
    }

    public override double[] Gradient(double[] p)
    {
        var g = new double[p.Length];
        int w2 = Hidden * _inputs;
        for (int i = 0; i < Batch; i++)
        {
            var h = Hiddens(p, i);
            var z = Logits(p, h);
            double m = z.Max(), s = z.Sum(v => Math.Exp(v - m));
            var dz = z.Select((v, c) => (Math.Exp(v - m) / s - (c == _labels[i] ? 1 : 0)) / Batch).ToArray();
            for (int u = 0; u < Hidden; u++)
            {
                double dh = 0;
                for (int c = 0; c < Classes; c++)
                {
                    g[w2 + c * Hidden + u] += dz[c] * h[u];
                    dh += p[w2 + c * Hidden + u] * dz[c];
                }
                double dPre = dh * (1 - h[u] * h[u]);
                for (int j = 0; j < _inputs; j++) g[u * _inputs + j] += dPre * _a[i][j];
            }
        }
        return g;
    }

    private T[] Hiddens<T>(T[] p, int sample) where T : IFloatingPointIeee754<T>
    {
        var h = new T[Hidden];
        for (int u = 0; u < Hidden; u++)
        {
            T z = T.Zero;
            for (int j = 0; j < _inputs; j++) z += p[u * _inputs + j] * C<T>(_a[sample][j]);
            h[u] = T.Tanh(z);
        }
        return h;
    }

    private static T[] Logits<T>(T[] p, T[] h) where T : IFloatingPointIeee754<T>
    {
        int w2 = p.Length - Classes * Hidden;
        var z = new T[Classes];
        for (int c = 0; c < Classes; c++)
            for (int u = 0; u < Hidden; u++) z[c] += p[w2 + c * Hidden + u] * h[u];
        return z;
    }
}
