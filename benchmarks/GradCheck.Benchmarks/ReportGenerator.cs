using System.Diagnostics;
using System.Text;
using GradCheck.Benchmarks.Accuracy;
using GradCheck.Benchmarks.Assurance;
using GradCheck.Benchmarks.Cost;
using GradCheck.Benchmarks.Report;
using GradCheck.Benchmarks.Scaling;
using GradCheck.Benchmarks.Torch;
using GradCheck.Benchmarks.Verdicts;

namespace GradCheck.Benchmarks;

/// <summary>Runs every section and assembles docs/benchmarks.md.</summary>
public static class ReportGenerator
{
    public static string Generate(BenchmarkSettings settings, TextWriter log)
    {
        string accuracy = Timed(log, "accuracy table", AccuracySection.Render);
        var calibration = Timed(log, "calibration", () => CalibrationSection.Measure(settings));
        var verdicts = Timed(log, "verdict corpus", () => VerdictSection.Measure(settings));
        var evaluations = Timed(log, "evaluation counts", () => EvaluationCostSection.Measure(calibration));
        var overhead = Timed(log, "overhead", () => OverheadSection.Measure(settings, log));
        var fastMode = Timed(log, "fast mode", () => FastModeSection.Measure(settings, log));
        var parallel = Timed(log, "parallel speedup", () => ParallelSection.Measure(settings, log));
        var memory = Timed(log, "memory", () => MemorySection.Measure(settings, log));
        var torch = Timed(log, "PyTorch comparison", () => TorchSection.Measure(settings, log));
        var assurance = Timed(log, "false assurance", () => FalseAssuranceSection.Measure(settings));
        var networks = Timed(log, "real networks", () => Networks.RealNetworksSection.Measure(settings));

        var text = new StringBuilder();
        text.Append(Header.Render(settings));
        text.Append(Summary(calibration, verdicts, overhead, torch, fastMode, parallel, memory, assurance, networks));
        text.AppendLine("## 1. Accuracy");
        text.AppendLine();
        text.Append(accuracy);
        text.Append(CalibrationSection.Render(calibration));
        text.Append(VerdictSection.Render(verdicts));
        text.Append(EvaluationCostSection.Render(evaluations));
        text.Append(OverheadSection.Render(overhead));
        text.Append(FastModeSection.Render(fastMode));
        text.Append(ParallelSection.Render(parallel));
        text.Append(MemorySection.Render(memory));
        text.Append(TorchSection.Render(torch));
        text.Append(FalseAssuranceSection.Render(assurance));
        text.Append(Networks.RealNetworksSection.Render(networks));
        return text.ToString();
    }

    private static string Summary(CalibrationSection.Result calibration, VerdictSection.Result verdicts, OverheadSection.Result overhead, TorchSection.Result torch,
        FastModeSection.Result fastMode, ParallelSection.Result parallel, MemorySection.Result memory, FalseAssuranceSection.Result assurance,
        Networks.RealNetworksSection.Result networks)
    {
        var text = new StringBuilder();
        text.AppendLine("## Headline numbers");
        text.AppendLine();
        foreach (var rule in VerdictSection.Rules)
            text.AppendLine($"- **{VerdictSection.RuleName(rule)}**: false alarms on {verdicts.FalseAlarms(rule)} of {verdicts.CorrectCases()} correct gradients, "
                + $"misses {verdicts.Misses(rule)} of {verdicts.BuggyCases()} buggy ones (double: {verdicts.FalseAlarms(rule, "double")} and {verdicts.Misses(rule, "double")}; "
                + $"float: {verdicts.FalseAlarms(rule, "float")} and {verdicts.Misses(rule, "float")}).");
        text.AppendLine($"- Adaptive error estimates: true error above 10× the estimate in {Fmt.Percent(calibration.Double.AboveTenEstimates, calibration.Double.Count)} of "
            + $"{calibration.Double.Count} random double functions ({Fmt.Percent(calibration.Float.AboveTenEstimates, calibration.Float.Count)} of {calibration.Float.Count} float); "
            + $"false alarms on their exact derivatives {Fmt.Percent(calibration.Double.FalseAlarms, calibration.Double.Count)} (float {Fmt.Percent(calibration.Float.FalseAlarms, calibration.Float.Count)}).");
        var central = overhead.Paired.Where(p => p.Key.Comparison == "central").OrderBy(p => p.Key.Work).ToArray();
        var adaptive = overhead.Paired.Where(p => p.Key.Comparison == "adaptive").OrderBy(p => p.Key.Work).ToArray();
        if (central.Length > 0)
            text.AppendLine($"- Checker overhead per evaluation (paired ratio to a bare loop making the same calls), by function cost from "
                + $"{overhead.Works.Min()} to {overhead.Works.Max()} terms: classic scheme {string.Join(", ", central.Select(p => Fmt.Ratio(p.Value.Ratio)))}; "
                + $"adaptive {string.Join(", ", adaptive.Select(p => Fmt.Ratio(p.Value.Ratio)))} (target ≤ 1.1×).");
        text.AppendLine(FastModeSection.Headline(fastMode));
        text.AppendLine(ParallelSection.Headline(parallel));
        text.AppendLine(MemorySection.Headline(memory));
        foreach (var network in torch.Networks)
        {
            var slow = network.Runs.FirstOrDefault(r => r.Method.Contains("slow", StringComparison.Ordinal));
            if (slow is null) continue;
            var gc = network.Runs[0];
            var fast = network.Runs.FirstOrDefault(r => r.Method.Contains("fast", StringComparison.Ordinal));
            var twoThreads = network.Runs.FirstOrDefault(r => r.Tool == gc.Tool && r.Method.EndsWith("2 threads", StringComparison.Ordinal));
            text.AppendLine($"- PyTorch, {network.Network}: GradCheck's adaptive check takes {Fmt.Ratio(gc.Seconds / slow.Seconds)} the wall time of gradcheck's slow mode "
                + $"({(twoThreads is null ? "" : $"{Fmt.Ratio(twoThreads.Seconds / slow.Seconds)} on 2 threads, ")}with {Fmt.Ratio((double)gc.Evaluations / slow.Evaluations)} its evaluations)"
                + $"{(fast is null ? "" : $"; fast mode {Fmt.Ratio(fast.Seconds / slow.Seconds)} the time")}.");
            var sharp = network.Runs.Where(r => r.Tool == TorchSharpNetwork.Tool).ToArray();
            if (sharp.Length > 0)
                text.AppendLine($"  Through the TorchSharp adapter: {string.Join("; ", sharp.Select(r => $"{r.Method.Replace("TorchGradCheck, ", "", StringComparison.Ordinal)} "
                    + $"{Fmt.Ratio(r.Seconds / slow.Seconds)} the time, {Fmt.Ratio((double)r.Evaluations / slow.Evaluations)} the evaluations"))}.");
        }
        text.AppendLine(VerdictComparison.Headline(torch.Verdicts));
        text.AppendLine(FalseAssuranceSection.Headline(assurance));
        text.AppendLine(Networks.RealNetworksSection.Headline(networks));
        text.AppendLine();
        return text.ToString();
    }

    internal static T Timed<T>(TextWriter log, string what, Func<T> run)
    {
        log.WriteLine($"[bench] {what}…");
        var clock = Stopwatch.StartNew();
        var result = run();
        log.WriteLine($"[bench] {what} done in {clock.Elapsed.TotalSeconds:F1} s");
        return result;
    }
}
