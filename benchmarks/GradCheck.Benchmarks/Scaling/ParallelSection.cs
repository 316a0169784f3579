using System.Diagnostics;
using System.Text;
using GradCheck.Benchmarks.Report;

namespace GradCheck.Benchmarks.Scaling;

/// <summary>Section 3d: full check at MaxDegreeOfParallelism = 2 against 1, paired and alternating, with core count and load stated.</summary>
public static class ParallelSection
{
    public sealed record Result(
        int Dimension, int Rows, double MicrosecondsPerEvaluation, int Evaluations, int ProcessorCount, string LoadBefore, string LoadAfter,
        IReadOnlyList<(double Sequential, double Parallel)> Pairs, bool IdenticalReports, bool Passed)
    {
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
        var pairs = new List<(double, double)>();
        for (int rep = 0; rep < settings.ParallelPairs; rep++)
        {
            // Alternate the order within a pair, so a drift in load or clock speed does not favour one side.
            double a, b;
            if (rep % 2 == 0)
            {
                a = Time(function, options1);
                b = Time(function, options2);
            }
            else
            {
                b = Time(function, options2);
                a = Time(function, options1);
            }
            pairs.Add((a, b));
        }
        string loadAfter = LoadAverage();
        return new Result(settings.ParallelDimension, function.Rows, microseconds, reference.FunctionEvaluations, Environment.ProcessorCount,
            loadBefore, loadAfter, pairs, identical, reference.Passed);
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
            "speedup (median of pairs)", "min … max of pairs", "pairs", "identical reports");
        table.Add(Fmt.Int(r.ProcessorCount), r.LoadBefore, r.LoadAfter, Fmt.Time(TimeSpan.FromSeconds(r.MedianSequential)), Fmt.Time(TimeSpan.FromSeconds(r.MedianParallel)),
            Fmt.Ratio(r.MedianRatio), $"{Fmt.Ratio(r.MinRatio)} … {Fmt.Ratio(r.MaxRatio)}", Fmt.Int(r.Pairs.Count), r.IdenticalReports ? "yes" : "no");
        text.Append(table);
        text.AppendLine();
        text.AppendLine($"Target: ≥ 1.80× on 2 idle cores. {(r.MedianRatio >= 1.8 ? "Met" : "Not met")} in this run ({Fmt.Ratio(r.MedianRatio)}); the load average shows how idle the");
        text.AppendLine("machine was (the generator's own thread counts about 1 of it; a load well above 1 before the measurement means other");
        text.AppendLine("work competed for the cores).");
        text.AppendLine();
        return text.ToString();
    }

    public static string Headline(Result r) =>
        $"- Parallel full check, p = {Degree} vs 1 on {r.ProcessorCount} processors (n = {r.Dimension}, {Fmt.Fixed(r.MicrosecondsPerEvaluation, 0)} µs per evaluation): "
        + $"{Fmt.Ratio(r.MedianRatio)} speedup (median of {r.Pairs.Count} alternating pairs; load average {r.LoadBefore} before); reports identical: {(r.IdenticalReports ? "yes" : "no")}.";
}
