using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GradCheck.Benchmarks.Report;
using Perfolizer.Horology;

namespace GradCheck.Benchmarks.Cost;

/// <summary>Section 3b: the checker's time per evaluation against the bare loop's, at the same number of evaluations.</summary>
public static class OverheadSection
{
    /// <summary>Median time of one whole check, per method and work size.</summary>
    public sealed record Result(string Source, IReadOnlyDictionary<(int Work, string Method), double> MedianNanoseconds, IReadOnlyList<int> Works)
    {
        /// <summary>Median of per-pair ratios checker/bare from interleaved runs, per work size and "central"/"adaptive".</summary>
        public Dictionary<(int Work, string Comparison), (double Ratio, int Pairs)> Paired { get; } = [];

        /// <summary>Fastest of repeated single evaluations of f, per work size: its cost without contention.</summary>
        public Dictionary<int, double> FunctionNanoseconds { get; } = [];
    }

    public static Result Measure(BenchmarkSettings settings, TextWriter log)
    {
        var result = settings.RunBenchmarkDotNet ? WithBenchmarkDotNet(settings) : WithStopwatch([128, 1024], repetitions: 5);
        var budget = settings.RunBenchmarkDotNet ? TimeSpan.FromSeconds(1.5) : TimeSpan.FromMilliseconds(50);
        foreach (int work in result.Works)
        {
            var b = new OverheadBenchmarks { Work = work };
            b.Setup();
            var function = new TunableFunction(OverheadBenchmarks.Dimension, work);
            result.FunctionNanoseconds[work] = Enumerable.Range(0, 200).Min(_ =>
            {
                long start = Stopwatch.GetTimestamp();
                function.Value(function.Point);
                return Stopwatch.GetElapsedTime(start).TotalNanoseconds;
            });
            result.Paired[(work, "central")] = PairedRatio(() => b.BareCentral(), () => b.GradCheckCentral(), budget);
            result.Paired[(work, "adaptive")] = PairedRatio(() => b.BareAdaptiveEvaluations(), () => b.GradCheckAdaptive(), budget);
            log.WriteLine($"[bench] paired overhead, Work {work}: central {result.Paired[(work, "central")]}, adaptive {result.Paired[(work, "adaptive")]}");
        }
        return result;
    }

    /// <summary>
    /// Runs baseline and candidate back to back (alternating which goes first) until the budget is spent, and returns the
    /// median of the per-pair time ratios: robust to the slow load changes of a shared machine, which shift whole
    /// BenchmarkDotNet runs (measured one after the other) against each other.
    /// </summary>
    private static (double Ratio, int Pairs) PairedRatio(Action baseline, Action candidate, TimeSpan budget)
    {
        baseline();
        candidate();
        var ratios = new List<double>();
        var clock = Stopwatch.StartNew();
        while (ratios.Count < 5 || (clock.Elapsed < budget && ratios.Count < 2000))
        {
            bool baselineFirst = ratios.Count % 2 == 0;
            double first = Measure(baselineFirst ? baseline : candidate), second = Measure(baselineFirst ? candidate : baseline);
            ratios.Add(baselineFirst ? second / first : first / second);
        }
        return (ratios.Order().ElementAt(ratios.Count / 2), ratios.Count);

        static double Measure(Action action)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            return Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        }
    }

    private static Result WithBenchmarkDotNet(BenchmarkSettings settings)
    {
        var job = Job.ShortRun
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithIterationTime(TimeInterval.FromMilliseconds(200));
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(Path.Combine(settings.ArtifactsDirectory, "BenchmarkDotNet"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<OverheadBenchmarks>(config);
        var medians = new Dictionary<(int, string), double>();
        foreach (var report in summary.Reports)
        {
            if (report.ResultStatistics is null) continue;
            int work = (int)report.BenchmarkCase.Parameters["Work"];
            medians[(work, report.BenchmarkCase.Descriptor.WorkloadMethod.Name)] = report.ResultStatistics.Median;
        }
        return new Result("BenchmarkDotNet (in-process, 2 warm-ups, 5 iterations of ~200 ms, median)", medians, medians.Keys.Select(k => k.Item1).Distinct().Order().ToArray());
    }

    /// <summary>A crude stand-in for the smoke test: interleaved repetitions, median, no BenchmarkDotNet.</summary>
    private static Result WithStopwatch(int[] works, int repetitions)
    {
        var medians = new Dictionary<(int, string), double>();
        foreach (int work in works)
        {
            var b = new OverheadBenchmarks { Work = work };
            b.Setup();
            var methods = new (string Name, Action Run)[]
            {
                (nameof(OverheadBenchmarks.BareCentral), () => b.BareCentral()),
                (nameof(OverheadBenchmarks.GradCheckCentral), () => b.GradCheckCentral()),
                (nameof(OverheadBenchmarks.BareAdaptiveEvaluations), () => b.BareAdaptiveEvaluations()),
                (nameof(OverheadBenchmarks.GradCheckAdaptive), () => b.GradCheckAdaptive()),
            };
            var samples = methods.ToDictionary(m => m.Name, _ => new List<double>());
            for (int r = 0; r < repetitions; r++)
                foreach (var (name, run) in methods)
                {
                    long start = Stopwatch.GetTimestamp();
                    run();
                    samples[name].Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds);
                }
            foreach (var (name, list) in samples) medians[(work, name)] = list.Order().ElementAt(list.Count / 2);
        }
        return new Result($"Stopwatch ({repetitions} interleaved repetitions, median; BenchmarkDotNet skipped)", medians, works);
    }

    public static string Render(Result result)
    {
        var text = new StringBuilder();
        text.AppendLine("### 3b. Overhead of the checker per function evaluation");
        text.AppendLine();
        text.AppendLine($"f(x) = Σⱼ sin(cⱼ·x[j mod {OverheadBenchmarks.Dimension}]) with `Work` terms (its gradient costs the same), n = {OverheadBenchmarks.Dimension}. The baseline is a bare");
        text.AppendLine("hand-written loop like the classic `_numerical_grad` that makes **the same calls** as the check it is compared with: f at the");
        text.AppendLine("point twice (for the adaptive default 10 times: it also probes f's rounding noise next to the point) and the gradient");
        text.AppendLine("twice (GradCheck's determinism, noise and reentrancy checks), then the same number of central");
        text.AppendLine("differences per coordinate, then relative errors. Left: GradCheck with the classic scheme (`Scheme = Central()`, `Step = 1e-3`)");
        text.AppendLine("against one difference per coordinate; right: GradCheck's adaptive default against as many plain differences as the");
        text.AppendLine($"adaptive check evaluates. Times: {result.Source}. Target: ratio ≤ 1.1×.");
        text.AppendLine();
        text.AppendLine("Two ratios per comparison: \"BDN\" divides the two BenchmarkDotNet medians, which were measured one after the other, so a");
        text.AppendLine("change of load on the shared cores between them shows up in the ratio; \"paired\" is the median of per-pair ratios of");
        text.AppendLine("the two run back to back, alternating order (about 1.5 s of pairs each), which cancels slow load changes. Trust \"paired\".");
        text.AppendLine();
        var table = new MarkdownTable("Work (terms)", "f per evaluation (fastest of 200)", "bare, central", "GradCheck, central", "ratio BDN", "ratio paired",
            "bare, adaptive's evals", "GradCheck, adaptive", "ratio BDN", "ratio paired", "adaptive evals");
        foreach (int work in result.Works)
        {
            var function = new TunableFunction(OverheadBenchmarks.Dimension, work);
            int centralCalls = 2 + 2 * OverheadBenchmarks.Dimension + 2;
            int adaptiveEvaluations = 2 * OverheadBenchmarks.AdaptiveDifferences(function).Sum();
            int adaptiveFixed = OverheadBenchmarks.AdaptiveFixedEvaluations(function);
            double Get(string method) => result.MedianNanoseconds.TryGetValue((work, method), out double v) ? v : double.NaN;
            double bareCentral = Get(nameof(OverheadBenchmarks.BareCentral)), checkCentral = Get(nameof(OverheadBenchmarks.GradCheckCentral));
            double bareAdaptive = Get(nameof(OverheadBenchmarks.BareAdaptiveEvaluations)), checkAdaptive = Get(nameof(OverheadBenchmarks.GradCheckAdaptive));
            string Paired(string comparison) => result.Paired.TryGetValue((work, comparison), out var p) ? $"{Fmt.Ratio(p.Ratio)} ({p.Pairs} pairs)" : "–";
            table.Add(Fmt.Int(work), Fmt.Micro(result.FunctionNanoseconds.GetValueOrDefault(work, bareCentral / centralCalls)), Fmt.Micro(bareCentral), Fmt.Micro(checkCentral), Fmt.Ratio(checkCentral / bareCentral), Paired("central"),
                Fmt.Micro(bareAdaptive), Fmt.Micro(checkAdaptive), Fmt.Ratio(checkAdaptive / bareAdaptive), Paired("adaptive"), $"{adaptiveEvaluations} + {adaptiveFixed} f, 2 ∇f");
        }
        text.Append(table);
        text.AppendLine();
        int cheapest = result.Works.Min();
        if (result.Paired.TryGetValue((cheapest, "central"), out var c) && result.Paired.TryGetValue((cheapest, "adaptive"), out var a)
            && result.FunctionNanoseconds.TryGetValue(cheapest, out double fNs))
        {
            int n = OverheadBenchmarks.Dimension;
            var cheap = new TunableFunction(n, cheapest);
            int adaptiveFixed = OverheadBenchmarks.AdaptiveFixedEvaluations(cheap);
            int adaptiveCalls = 2 * OverheadBenchmarks.AdaptiveDifferences(cheap).Sum() + adaptiveFixed + 2;
            double centralPerEntry = (c.Ratio - 1) * (2 * n + 4) * fNs / n, adaptivePerEntry = (a.Ratio - 1) * adaptiveCalls * fNs / n;
            double adaptiveEvalsPerEntry = (adaptiveCalls - adaptiveFixed - 2.0) / n;
            text.AppendLine($"From the cheapest function: the checker's own work is about {Fmt.Micro(centralPerEntry)} per checked entry with a fixed scheme and");
            text.AppendLine($"{Fmt.Micro(adaptivePerEntry)} with the adaptive default ((paired ratio − 1) × the bare loop's time / entries). The 1.1× target therefore");
            text.AppendLine($"holds when one evaluation of f costs more than about {Fmt.Micro(10 * Math.Max(centralPerEntry, 0) / 2)} with a fixed central scheme (2 evaluations");
            text.AppendLine($"per entry) and {Fmt.Micro(10 * Math.Max(adaptivePerEntry, 0) / adaptiveEvalsPerEntry)} with the adaptive default ({Fmt.Fixed(adaptiveEvalsPerEntry, 1)} per entry here).");
            text.AppendLine();
        }
        return text.ToString();
    }
}
