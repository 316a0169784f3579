namespace GradCheck.Benchmarks.Scaling;

/// <summary>
/// f(x) = Σᵢ log cosh((A·x)ᵢ) with A m×n (real arithmetic, no allocation, no shared mutable state: thread-safe), gradient
/// Aᵀ·tanh(A·x). The cost per evaluation is m·n multiply-adds; <see cref="Calibrated"/> picks m for a target time.
/// Folded in from the former samples/GradCheck.ParallelBench.
/// </summary>
public sealed class ParallelFunction
{
    private readonly double[] _a;
    private readonly int _m;
    private readonly int _n;

    public ParallelFunction(int n, int rows, int seed)
    {
        (_n, _m) = (n, rows);
        var random = new Random(seed);
        _a = Enumerable.Range(0, rows * n).Select(_ => (random.NextDouble() - 0.5) / Math.Sqrt(n)).ToArray();
        Point = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }

    public double[] Point { get; }

    public int Rows => _m;

    /// <summary>A function of dimension n whose evaluation takes about <paramref name="microseconds"/> on this machine.</summary>
    public static ParallelFunction Calibrated(int n, double microseconds, int seed)
    {
        var probe = new ParallelFunction(n, n, seed);
        probe.MicrosecondsPerEvaluation();   // JIT tiering: the first batches run unoptimised code
        double measured = probe.MicrosecondsPerEvaluation();
        int rows = Math.Max(1, (int)Math.Round(n * microseconds / measured));
        return new ParallelFunction(n, rows, seed);
    }

    /// <summary>Fastest of a few batches of evaluations, in µs.</summary>
    public double MicrosecondsPerEvaluation()
    {
        double best = double.MaxValue;
        for (int batch = 0; batch < 5; batch++)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            for (int k = 0; k < 200; k++) Value(Point);
            best = Math.Min(best, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMicroseconds / 200);
        }
        return best;
    }

    public double Value(double[] x)
    {
        double total = 0;
        for (int i = 0; i < _m; i++)
        {
            double z = 0;
            int row = i * _n;
            for (int j = 0; j < _n; j++) z += _a[row + j] * x[j];
            total += Math.Log(Math.Cosh(z));
        }
        return total;
    }

    public double[] Gradient(double[] x)
    {
        var g = new double[_n];
        for (int i = 0; i < _m; i++)
        {
            double z = 0;
            int row = i * _n;
            for (int j = 0; j < _n; j++) z += _a[row + j] * x[j];
            double t = Math.Tanh(z);
            for (int j = 0; j < _n; j++) g[j] += t * _a[row + j];
        }
        return g;
    }
}
