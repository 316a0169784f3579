using System.Numerics;

namespace GradCheck.Tests.Assurance;

/// <summary>
/// A saturated logistic loss: 0.5 (the loss of samples that do not depend on x) + mean softplus(−(40 + aᵢ·x)). Every
/// margin is about 40, so each softplus is ~4e-18: its value rounds away entirely (1 + 4e-18 = 1 in float32 and double),
/// f is exactly 0.5 wherever a check looks, while the exact gradient is a tiny nonzero ~4e-18·aᵢ.
/// </summary>
public sealed class SaturatedLoss : SmoothLoss
{
    private const double Bias = 40, Constant = 0.5;

    private readonly double[][] _a;

    public SaturatedLoss(int n, int seed)
    {
        var random = RandomStream.For(nameof(SaturatedLoss), seed);
        _a = RandomMatrix(random, 2 * n, n);
        Point = RandomVector(random, n);
    }

    public override string Name => $"saturated logistic n={Dimension}";

    public override double[] Point { get; }

    public override T Evaluate<T>(T[] x)
    {
        T sum = T.Zero;
        foreach (var row in _a) sum += T.Log(T.One + T.Exp(-Margin<T>(x, row)));
        return C<T>(Constant) + sum / C<T>(_a.Length);
    }

    public override double[] Gradient(double[] x)
    {
        var g = new double[x.Length];
        foreach (var row in _a)
        {
            double s = 1 / (1 + Math.Exp(Margin<double>(x, row)));   // σ(−margin)
            for (int j = 0; j < x.Length; j++) g[j] -= s * row[j] / _a.Length;
        }
        return g;
    }

    private static T Margin<T>(T[] x, double[] row) where T : IFloatingPointIeee754<T>
    {
        T z = C<T>(Bias);
        for (int j = 0; j < x.Length; j++) z += C<T>(row[j]) * x[j];
        return z;
    }
}
