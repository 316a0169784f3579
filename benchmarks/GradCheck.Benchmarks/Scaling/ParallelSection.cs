using System.Diagnostics;
using System.Text;
using GradCheck.Benchmarks.Report;

namespace GradCheck.Benchmarks.Scaling;

/// <summary>Section 3d: full check at MaxDegreeOfParallelism = 2 against 1, paired and alternating, with core count and load stated.</summary>
public static class ParallelSection
{
    public sealed record Result(
        int Dimension, int Rows, double MicrosecondsPerEvaluation, int Evaluations, int ProcessorCount, string LoadBefore, string LoadAfter,
        IReadOnlyList<(double Sequential, double Parallel)> Pairs, bool IdenticalReports, bool Passed,
        IReadOnlyList<(double Sequential, double Parallel)> BarePairs)
    {
        /// <summary>The machine's own ceiling: the same number of evaluations in a bare loop on 1 and on 2 threads, no checker.</summary>
        public double BareRatio => Median(BarePairs.Select(p => p.Sequential / p.Parallel));

        public double MedianRatio => Median(Pairs.Select(p => p.Sequential / p.Parallel));

        public double MinRatio => Pairs.Min(p => p.Sequential / p.Parallel);

        public double MaxRatio => Pairs.Max(p => p.Sequential / p.Parallel);

        public double MedianSequential => Median(Pairs.Select(p => p.Sequential));

        public double MedianParallel => Median(Pairs.Select(p => p.Parallel));
    }

    public const int Degree = 2;

    public static Result Measure(BenchmarkSettings settings, TextWriter log)
    {
        var function = ParallelFunction.Calibrated(settings.ParallelDimension, 50, seed: 3);
        double microseconds = function.MicrosecondsPerEvaluation();
        log.WriteLine($"[bench]   parallel: n = {settings.ParallelDimension}, {function.Rows} rows, {microseconds:F1} µs per evaluation");
        var options1 = new GradientCheckOptions { MaxDegreeOfParallelism = 1, Seed = 1 };
        var options2 = options1 with { MaxDegreeOfParallelism = Degree };
        var reference = GradientCheck.Run(function.Value, function.Gradient, function.Point, options1);   // warm-up
        var parallel = GradientCheck.Run(function.Value, function.Gradient, function.Point, options2);
        bool identical = reference.Entries.SequenceEqual(parallel.Entries) && reference.FunctionEvaluations == parallel.FunctionEvaluations;

        string loadBefore = LoadAverage();
        var pairs = Paired(settings.ParallelPairs, () => Time(function, options1), () => Time(function, options2));
        int evaluations = reference.FunctionEvaluations;
        var barePairs = Paired(settings.ParallelPairs, () => Bare(function, evaluations, 1), () => Bare(function, evaluations, Degree));
        string loadAfter = LoadAverage();
        return new Result(settings.ParallelDimension, function.Rows, microseconds, evaluations, Environment.ProcessorCount,
            loadBefore, loadAfter, pairs, identical, reference.Passed, barePairs);
    }

    /// <summary>Pairs of (sequential, parallel) timings, the order alternating from pair to pair so a drift in load does not favour one side.</summary>
    private static List<(double, double)> Paired(int count, Func<double> sequential, Func<double> parallel)
    {
        var pairs = new List<(double, double)>();
        for (int rep = 0; rep < count; rep++)
        {
            double a, b;
            if (rep % 2 == 0)
            {
                a = sequential();
                b = parallel();
            }
            else
            {
                b = parallel();
                a = sequential();
            }
            pairs.Add((a, b));
        }
        return pairs;
    }

    /// <summary>The same number of evaluations without the checker, split over <paramref name="threads"/> threads, each on its own copy of the point.</summary>
    private static double Bare(ParallelFunction function, int evaluations, int threads)
    {
        long start = Stopwatch.GetTimestamp();
        double sink = 0;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var x = (double[])function.Point.Clone();
            double local = 0;
            for (int k = t; k < evaluations; k += threads)
            {
                x[k % x.Length] += 1e-9;
                local += function.Value(x);
            }
            lock (function) sink += local;
        });
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return double.IsNaN(sink) ? double.NaN : seconds;
    }

    private static double Time(ParallelFunction function, GradientCheckOptions options)
    {
        long start = Stopwatch.GetTimestamp();
        GradientCheck.Run(function.Value, function.Gradient, function.Point, options);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>The 1, 5 and 15-minute load averages from /proc/loadavg, or "unavailable".</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unavailable";
        }
        catch (UnauthorizedAccessException)
        {
            return "unavailable";
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Render(Result r)
    {
        var text = new StringBuilder();
        text.AppendLine("### 3d. Parallel speedup");
        text.AppendLine();
        text.AppendLine($"Full check (adaptive default) of f(x) = Σᵢ log cosh((A·x)ᵢ), A {r.Rows}×{r.Dimension} (`Scaling/ParallelFunction.cs`: real arithmetic,");
        text.AppendLine($"thread-safe, {Fmt.Fixed(r.MicrosecondsPerEvaluation, 1)} µs per evaluation, fastest of 5×200), n = {r.Dimension} coordinates, {Fmt.Int(r.Evaluations)} evaluations per check,");
        text.AppendLine($"with `MaxDegreeOfParallelism` = 1 and {Degree}. {r.Pairs.Count} pairs of whole checks run back to back, the order alternating from pair to pair;");
        text.AppendLine("the speedup is the median of the per-pair ratios (time at 1 / time at 2), which cancels slow changes of load.");
        text.AppendLine();
        var table = new MarkdownTable("processors", "load average before (1/5/15 min)", "load average after", "median time, p = 1", $"median time, p = {Degree}",
            "speedup (median of pairs)", "min … max of pairs", "pairs", "identical reports", "bare loop, same evaluations: 2 vs 1 thread");
        table.Add(Fmt.Int(r.ProcessorCount), r.LoadBefore, r.LoadAfter, Fmt.Time(TimeSpan.FromSeconds(r.MedianSequential)), Fmt.Time(TimeSpan.FromSeconds(r.MedianParallel)),
            Fmt.Ratio(r.MedianRatio), $"{Fmt.Ratio(r.MinRatio)} … {Fmt.Ratio(r.MaxRatio)}", Fmt.Int(r.Pairs.Count), r.IdenticalReports ? "yes" : "no", Fmt.Ratio(r.BareRatio));
        text.Append(table);
        text.AppendLine();
        text.AppendLine($"Target: ≥ 1.80× on 2 idle cores. {(r.MedianRatio >= 1.8 ? "Met" : "Not met")} in this run ({Fmt.Ratio(r.MedianRatio)}); the load average shows how idle the");
        text.AppendLine("machine was (the generator's own thread counts about 1 of it; a load well above 1 before the measurement means other");
        text.AppendLine("work competed for the cores). The last column is the machine's own ceiling: the same number of evaluations of f in a");
        text.AppendLine($"bare loop (no checker) on 1 and on {Degree} threads, paired the same way; GradCheck's parallel efficiency is the speedup");
        text.AppendLine($"divided by it ({Fmt.Fixed(100 * r.MedianRatio / r.BareRatio, 0)} % in this run).");
        text.AppendLine();
        return text.ToString();
    }

    public static string Headline(Result r) =>
        $"- Parallel full check, p = {Degree} vs 1 on {r.ProcessorCount} processors (n = {r.Dimension}, {Fmt.Fixed(r.MicrosecondsPerEvaluation, 0)} µs per evaluation): "
        + $"{Fmt.Ratio(r.MedianRatio)} speedup (median of {r.Pairs.Count} alternating pairs; a bare 2-thread loop of the same evaluations: {Fmt.Ratio(r.BareRatio)}; "
        + $"load average {r.LoadBefore} before); reports identical: {(r.IdenticalReports ? "yes" : "no")}.";
}
