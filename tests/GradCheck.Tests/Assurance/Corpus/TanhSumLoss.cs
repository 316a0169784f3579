using System.Numerics;

namespace GradCheck.Tests.Assurance;

/// <summary>f(x) = Σₖ cₖ·tanh(wₖ·x + bₖ) over 8 terms that couple every coordinate; ∇f = Σₖ cₖ(1 − tₖ²)·wₖ.</summary>
public sealed class TanhSumLoss : SmoothLoss
{
    public const int Terms = 8;

    private readonly double[][] _w;
    private readonly double[] _b, _c;

    public TanhSumLoss(int n, int seed)
    {
        var random = RandomStream.For(nameof(TanhSumLoss), seed);
        _w = RandomMatrix(random, Terms, n);
        _b = RandomVector(random, Terms);
        _c = RandomVector(random, Terms);
        Point = RandomVector(random, n);
    }

    public override string Name => $"sum of {Terms} tanh n={Dimension}";

    public override double[] Point { get; }

    public override T Evaluate<T>(T[] x)
    {
        T sum = T.Zero;
        for (int k = 0; k < Terms; k++) sum += C<T>(_c[k]) * T.Tanh(Preactivation(x, k));
        return sum;
    }

    public override double[] Gradient(double[] x)
    {
        var g = new double[x.Length];
        for (int k = 0; k < Terms; k++)
        {
            double t = Math.Tanh(Preactivation(x, k));
            for (int j = 0; j < x.Length; j++) g[j] += _c[k] * (1 - t * t) * _w[k][j];
        }
        return g;
    }

    private T Preactivation<T>(T[] x, int k) where T : IFloatingPointIeee754<T>
    {
        T z = C<T>(_b[k]);
        for (int j = 0; j < x.Length; j++) z += C<T>(_w[k][j]) * x[j];
        return z;
    }
}
