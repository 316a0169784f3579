namespace GradCheck.Tests.Support;

/// <summary>
/// Σ xᵢ² and its gradient 2x, written into one array allocated once: callbacks that allocate nothing, for measuring what
/// the check itself allocates (the fast-mode memory test and benchmark section 3e).
/// </summary>
public sealed class SumOfSquares
{
    private readonly double[] _gradient;

    /// <summary>A point of <paramref name="n"/> coordinates uniform in [−1, 1), drawn from <paramref name="seed"/>.</summary>
    public SumOfSquares(int n, int seed)
    {
        var random = new Random(seed);
        Point = new double[n];
        for (int i = 0; i < n; i++) Point[i] = 2 * random.NextDouble() - 1;
        _gradient = new double[n];
    }

    public double[] Point { get; }

    /// <summary>
    /// Σ xᵢ², summed with Kahan's compensation: a plain sum over 10⁷ terms is so noisy (√n·ε·f) that at n = 10⁷ a correct
    /// fast check came out Inconclusive and at 10⁶ the 1 % bug went unseen.
    /// </summary>
    public static double Value(double[] x)
    {
        double sum = 0, compensation = 0;
        foreach (double v in x)
        {
            double term = v * v - compensation;
            double next = sum + term;
            compensation = (next - sum) - term;
            sum = next;
        }
        return sum;
    }

    public double[] Gradient(double[] x)
    {
        for (int i = 0; i < x.Length; i++) _gradient[i] = 2 * x[i];
        return _gradient;
    }

    /// <summary>The gradient with entry ⌊n/3⌋ multiplied by 1.01.</summary>
    public double[] GradientWithBug(double[] x)
    {
        Gradient(x);
        _gradient[x.Length / 3] *= 1.01;
        return _gradient;
    }
}
