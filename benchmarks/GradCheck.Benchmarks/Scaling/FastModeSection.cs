using GradCheck.Tests.Fast;
using System.Diagnostics;
using System.Text;
using GradCheck.Benchmarks.Report;

namespace GradCheck.Benchmarks.Scaling;

/// <summary>Section 3c: CheckMode.Fast against the full check, n = 10² … 10⁶, correct gradient and one entry off by 1 %.</summary>
public static class FastModeSection
{
    /// <summary>One check: evaluations (exact), wall time, verdict, and for the buggy gradient whether exactly the wrong entry was named.</summary>
    public sealed record Check(int Evaluations, double Seconds, bool Passed, bool? Located);

    /// <summary>Full mode is null above the measured sizes; then <see cref="FullEstimate"/> holds the extrapolation.</summary>
    public sealed record Size(int N, Check FastCorrect, Check FastBuggy, Check? Full, Check? FullBuggy, Estimate? FullEstimate);

    /// <summary>Full mode extrapolated from a seeded sample of <see cref="Sampled"/> coordinates at the same n.</summary>
    public sealed record Estimate(long Evaluations, double Seconds, int Sampled, double PerCoordinate);

    public sealed record Result(IReadOnlyList<Size> Sizes, int PerCheck, int MeasuredUpTo);

    private const int Seed = 1;

    public static Result Measure(BenchmarkSettings settings, TextWriter log)
    {
        // JIT warm-up on a small problem, so the first size does not pay for compilation.
        var warm = new SeparableCoupled(100, Seed);
        Run(warm, CheckMode.Fast, buggy: true);
        Run(warm, CheckMode.Full, buggy: false);

        var sizes = new List<Size>();
        int perCheck = 0;
        foreach (int n in settings.FastModeSizes)
        {
            var function = new SeparableCoupled(n, Seed);
            var fast = Run(function, CheckMode.Fast, buggy: false);
            var fastBuggy = Run(function, CheckMode.Fast, buggy: true);
            Check? full = null, fullBuggy = null;
            Estimate? estimate = null;
            if (n <= settings.FullModeMeasuredUpTo)
            {
                full = Run(function, CheckMode.Full, buggy: false, out var report);
                perCheck = report.FunctionEvaluations - report.Entries.Sum(e => e.Evaluations);
                if (n <= settings.FullModeMeasuredUpTo / 10) fullBuggy = Run(function, CheckMode.Full, buggy: true);
            }
            else
            {
                // A seeded sample of coordinates (SampleSize) gives full mode's evaluations per coordinate and the time per
                // evaluation at this n; the whole check is scaled from them.
                int sample = Math.Clamp(settings.FullModeSampleBudget / n, 10, 1000);
                var sampled = Run(function, CheckMode.Full, buggy: false, out var report, sample);
                int perCheckHere = report.FunctionEvaluations - report.Entries.Sum(e => e.Evaluations);
                double perCoordinate = (double)report.Entries.Sum(e => e.Evaluations) / report.Entries.Count;
                long evaluations = perCheckHere + (long)Math.Round(perCoordinate * n);
                estimate = new Estimate(evaluations, evaluations * sampled.Seconds / sampled.Evaluations, report.Entries.Count, perCoordinate);
            }
            log.WriteLine($"[bench]   fast mode n = {n}: fast {fast.Evaluations} evals, buggy {fastBuggy.Evaluations} (located {fastBuggy.Located}), full {full?.Evaluations ?? estimate?.Evaluations}");
            sizes.Add(new Size(n, fast, fastBuggy, full, fullBuggy, estimate));
        }
        return new Result(sizes, perCheck, settings.FullModeMeasuredUpTo);
    }

    private static Check Run(SeparableCoupled function, CheckMode mode, bool buggy) => Run(function, mode, buggy, out _);

    private static Check Run(SeparableCoupled function, CheckMode mode, bool buggy, out GradientReport report, int? sampleSize = null)
    {
        var options = new GradientCheckOptions { Mode = mode, Seed = Seed, SampleSize = sampleSize };
        Func<double[], double[]> gradient = buggy ? function.GradientWithBug(0.01, WrongEntry(function)) : function.Gradient;
        long start = Stopwatch.GetTimestamp();
        report = GradientCheck.Run(function.F, gradient, function.Point, options);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        bool? located = buggy ? report.Failures.Count == 1 && report.Failures[0].Index == WrongEntry(function) : null;
        return new Check(report.FunctionEvaluations, seconds, report.Passed, located);
    }

    public static string Render(Result result)
    {
        var text = new StringBuilder();
        text.AppendLine("### 3c. Fast mode: evaluations against full mode, n = 10² … 10⁶");
        text.AppendLine();
        text.AppendLine("f(x) = Σ aᵢ·sin(xᵢ) + ½(Σx)²/n with its exact gradient (`tests/GradCheck.Tests/Fast/SeparableCoupled.cs`, shared with the fast-mode tests; aᵢ in [0.5, 1.5], x in [−1, 1],");
        text.AppendLine("O(n) per evaluation), checked with `Mode = CheckMode.Fast` (5 random ±1 directions, group-testing localisation) and");
        text.AppendLine("with the full check (every coordinate), seed 1, double, one thread. \"1 % bug\": the same gradient with entry ⌊n/3⌋");
        text.AppendLine("multiplied by 1.01; \"located\" means the report's only failure is exactly that entry. Evaluations are exact counts");
        text.AppendLine("(`report.FunctionEvaluations`); wall time is one check each, in this run.");
        text.AppendLine();
        text.AppendLine($"Full mode is measured whole up to n = {Fmt.Int(result.MeasuredUpTo)}. **Cells marked ≈ are extrapolated, not measured**: at larger n a");
        text.AppendLine("full check of a seeded sample of coordinates (`SampleSize`, size in the cell) at the same n gives the evaluations per");
        text.AppendLine($"coordinate and the time per evaluation; the whole check is then {Fmt.Int(result.PerCheck)} evaluations per check + (per coordinate) × n, at that");
        text.AppendLine("time per evaluation (f is O(n), so full mode's time grows as n²). A full check with the 1 % bug costs what the correct");
        text.AppendLine("one costs (every coordinate is checked either way); it is measured where cheap.");
        text.AppendLine();
        var table = new MarkdownTable("n", "fast: evals, correct", "fast: time, correct", "fast: passed", "fast: evals, 1 % bug", "fast: time, 1 % bug",
            "1 % bug located", "full: evals", "full: time", "full, 1 % bug: evals, located", "evals full / fast (correct)");
        foreach (var s in result.Sizes)
        {
            string fullEvals = s.Full is { } f ? Fmt.Int(f.Evaluations)
                : $"≈ {Fmt.Int(s.FullEstimate!.Evaluations)} (extrapolated: {Fmt.Fixed(s.FullEstimate.PerCoordinate, 1)} per coordinate on {s.FullEstimate.Sampled} sampled)";
            string fullTime = s.Full is { } g ? Fmt.Time(TimeSpan.FromSeconds(g.Seconds)) : $"≈ {LongTime(s.FullEstimate!.Seconds)} (extrapolated)";
            string fullBuggy = s.FullBuggy is { } b ? $"{Fmt.Int(b.Evaluations)}, {(b.Located == true ? "yes" : "no")}" : "–";
            double fullCount = s.Full?.Evaluations ?? s.FullEstimate!.Evaluations;
            table.Add(Fmt.Int(s.N), Fmt.Int(s.FastCorrect.Evaluations), Fmt.Time(TimeSpan.FromSeconds(s.FastCorrect.Seconds)), s.FastCorrect.Passed ? "yes" : "no",
                Fmt.Int(s.FastBuggy.Evaluations), Fmt.Time(TimeSpan.FromSeconds(s.FastBuggy.Seconds)), s.FastBuggy.Located == true ? "yes" : "no",
                fullEvals, fullTime, fullBuggy, Fmt.Fixed(fullCount / s.FastCorrect.Evaluations, 0) + "×");
        }
        text.Append(table);
        text.AppendLine();
        return text.ToString();
    }

    private static string LongTime(double seconds) => seconds switch
    {
        >= 7200 => Fmt.Fixed(seconds / 3600, 1) + " h",
        >= 120 => Fmt.Fixed(seconds / 60, 0) + " min",
        _ => Fmt.Time(TimeSpan.FromSeconds(seconds)),
    };

    /// <summary>One line for the headline numbers.</summary>
    public static string Headline(Result result)
    {
        var parts = result.Sizes.Select(s =>
            $"n = {Fmt.Int(s.N)}: {Fmt.Int(s.FastCorrect.Evaluations)} / {Fmt.Int(s.FastBuggy.Evaluations)}{(s.FastBuggy.Located == true ? "" : " (not located)")} vs "
            + (s.Full is { } f ? Fmt.Int(f.Evaluations) : "≈ " + Fmt.Int(s.FullEstimate!.Evaluations)));
        return "- Fast mode, evaluations for a correct gradient / one entry off by 1 % (located) vs the full check (≈ extrapolated): "
            + string.Join("; ", parts) + ".";
    }

    /// <summary>The entry the 1 % bug is planted in: a third of the way in, away from both ends.</summary>
    private static int WrongEntry(SeparableCoupled function) => function.N / 3;
}
