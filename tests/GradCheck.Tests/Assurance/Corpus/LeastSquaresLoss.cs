using System.Numerics;

namespace GradCheck.Tests.Assurance;

/// <summary>f(x) = ½·mean over rows of (aᵢ·x − bᵢ)²; ∇f = mean (aᵢ·x − bᵢ)·aᵢ. Rows: 2n, or a given batch.</summary>
public sealed class LeastSquaresLoss : SmoothLoss
{
    private readonly double[][] _a;
    private readonly double[] _b;

    public LeastSquaresLoss(int n, int seed, int? rows = null)
    {
        var random = RandomStream.For(nameof(LeastSquaresLoss), seed);
        _a = RandomMatrix(random, rows ?? 2 * n, n);
        _b = RandomVector(random, _a.Length);
        Point = RandomVector(random, n);
    }

    public override string Name => $"least squares n={Dimension}, {_a.Length} rows";

    public override double[] Point { get; }

    public override T Evaluate<T>(T[] x)
    {
        // Summed in T, row after row, as a naive float32 loss would be: its rounding grows with the row count.
        T sum = T.Zero;
        for (int i = 0; i < _a.Length; i++)
        {
            T r = Residual(x, i);
            sum += r * r;
        }
        return C<T>(0.5) * sum / C<T>(_a.Length);
    }

    public override double[] Gradient(double[] x)
    {
        var g = new double[x.Length];
        for (int i = 0; i < _a.Length; i++)
        {
            double r = Residual(x, i);
            for (int j = 0; j < x.Length; j++) g[j] += r * _a[i][j] / _a.Length;
        }
        return g;
    }

    private T Residual<T>(T[] x, int row) where T : IFloatingPointIeee754<T>
    {
        T r = -C<T>(_b[row]);
        for (int j = 0; j < x.Length; j++) r += C<T>(_a[row][j]) * x[j];
        return r;
    }
}
