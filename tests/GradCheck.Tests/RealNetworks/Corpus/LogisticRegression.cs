using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>
/// L2-regularised logistic regression over thousands of samples: mean of log(1 + exp(−y·(w·x + b))) + λ/2·|w|². A float32
/// loss summed over 2,000 samples is noisy far beyond a few ulps of its value, and every weight sees every sample.
/// </summary>
public sealed class LogisticRegression(int samples, int features, int dataSeed) : INet
{
    private const double Lambda = 1e-3;
    readonly double[][] X = Enumerable.Range(0, samples).Select(i => { var r = new Random(dataSeed * 7919 + i); return Enumerable.Range(0, features).Select(_ => r.NextDouble() * 2 - 1).ToArray(); }).ToArray();
    readonly double[] Y = Enumerable.Range(0, samples).Select(i => new Random(dataSeed + 31 * i).Next(2) == 0 ? -1.0 : 1.0).ToArray();
    public string Name => $"logistic regression {samples}x{features} L2";
    public int Size => features + 1;
    public double[] Init(int seed) { var r = new Random(seed); return Enumerable.Range(0, Size).Select(_ => (r.NextDouble() * 2 - 1) * 0.5).ToArray(); }

    /// <summary>The planted bug: the sigmoid factor of the loss's derivative is dropped (as if it were 1).</summary>
    public bool MissingActivationDerivative { get; init; }

    public T Loss<T>(T[] w) where T : IFloatingPointIeee754<T> => Run(w, null);
    public T[] Grad<T>(T[] w) where T : IFloatingPointIeee754<T> { var g = new T[w.Length]; Run(w, g); return g; }

    T Run<T>(T[] w, T[]? g) where T : IFloatingPointIeee754<T>
    {
        T loss = T.Zero, inv = T.One / T.CreateChecked(samples), lambda = T.CreateChecked(Lambda);
        for (int s = 0; s < samples; s++)
        {
            T z = w[features];
            for (int i = 0; i < features; i++) z += w[i] * T.CreateChecked(X[s][i]);
            T y = T.CreateChecked(Y[s]);
            T t = -y * z;
            // log(1 + eᵗ) without overflow: max(t, 0) + log(1 + e^−|t|).
            loss += (T.Max(t, T.Zero) + T.Log(T.One + T.Exp(-T.Abs(t)))) * inv;
            if (g is null) continue;
            // d/dz log(1 + e^(−y·z)) = −y·σ(−y·z).
            T sigma = MissingActivationDerivative ? T.One : Activation.Sigmoid(t);
            T dz = -y * sigma * inv;
            g[features] += dz;
            for (int i = 0; i < features; i++) g[i] += dz * T.CreateChecked(X[s][i]);
        }
        for (int i = 0; i < features; i++)
        {
            loss += T.CreateChecked(0.5) * lambda * w[i] * w[i];
            if (g is not null) g[i] += lambda * w[i];
        }
        return loss;
    }
}
