namespace GradCheck.Benchmarks.Scaling;

/// <summary>
/// f(x) = Σ aᵢ·sin(xᵢ) + ½(Σx)²/n with its exact gradient gᵢ = aᵢ·cos(xᵢ) + Σx/n: O(n) per evaluation, |gᵢ| ≈ 0.3 to 2,
/// the function of docs/fast-mode.md. <see cref="Buggy"/> is the same gradient with one entry off by 1 %.
/// </summary>
public sealed class CheapFunction
{
    private readonly double[] _a;

    public CheapFunction(int n, int seed)
    {
        var random = new Random(seed);
        _a = Enumerable.Range(0, n).Select(_ => 0.5 + random.NextDouble()).ToArray();
        Point = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        WrongEntry = n / 3;
    }

    public double[] Point { get; }

    /// <summary>The entry that <see cref="Buggy"/> gets wrong.</summary>
    public int WrongEntry { get; }

    public double Value(double[] x)
    {
        double s = 0, sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += _a[i] * Math.Sin(x[i]);
            sum += x[i];
        }
        return s + 0.5 * sum * sum / x.Length;
    }

    public double[] Gradient(double[] x)
    {
        double mean = x.Sum() / x.Length;
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++) g[i] = _a[i] * Math.Cos(x[i]) + mean;
        return g;
    }

    public double[] Buggy(double[] x)
    {
        var g = Gradient(x);
        g[WrongEntry] *= 1.01;
        return g;
    }
}
