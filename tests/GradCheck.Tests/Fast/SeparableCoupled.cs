namespace GradCheck.Tests.Fast;

/// <summary>
/// f(x) = Σ aᵢ·sin(xᵢ) + ½·(Σ xᵢ)²/n: separable plus a dense coupling, O(n) to evaluate, with the exact gradient
/// ∂f/∂xᵢ = aᵢ·cos(xᵢ) + (Σ x)/n. Bugs are planted into the exact gradient, so expectations are exact.
/// </summary>
public sealed class SeparableCoupled
{
    private readonly double[] _a;

    public SeparableCoupled(int n, int seed)
    {
        var random = new Random(seed);
        _a = Enumerable.Range(0, n).Select(_ => 0.5 + random.NextDouble()).ToArray();
        Point = Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
    }

    public int N => _a.Length;

    public double[] Point { get; }

    public double F(double[] x)
    {
        double separable = 0, sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            separable += _a[i] * Math.Sin(x[i]);
            sum += x[i];
        }
        return separable + 0.5 * sum * sum / x.Length;
    }

    public double[] Gradient(double[] x)
    {
        double mean = x.Sum() / x.Length;
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++) g[i] = _a[i] * Math.Cos(x[i]) + mean;
        return g;
    }

    /// <summary>The exact gradient with the given entries multiplied by (1 + relativeError).</summary>
    public Func<double[], double[]> GradientWithBug(double relativeError, params int[] entries) => x =>
    {
        var g = Gradient(x);
        foreach (int i in entries) g[i] *= 1 + relativeError;
        return g;
    };

    public float FloatF(float[] x) => (float)F(x.Select(v => (double)v).ToArray());

    public float[] FloatGradient(float[] x) => Gradient(x.Select(v => (double)v).ToArray()).Select(v => (float)v).ToArray();
}
