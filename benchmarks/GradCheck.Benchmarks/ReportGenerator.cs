using System.Diagnostics;
using System.Text;
using GradCheck.Benchmarks.Accuracy;
using GradCheck.Benchmarks.Cost;
using GradCheck.Benchmarks.Torch;
using GradCheck.Benchmarks.Verdicts;

namespace GradCheck.Benchmarks;

/// <summary>Runs every section and assembles docs/benchmarks.md.</summary>
public static class ReportGenerator
{
    public static string Generate(BenchmarkSettings settings, TextWriter log)
    {
        var text = new StringBuilder();
        text.Append(Header.Render(settings));

        text.AppendLine("## 1. Accuracy");
        text.AppendLine();
        text.Append(Timed(log, "accuracy table", AccuracySection.Render));
        var calibration = Timed(log, "calibration", () => CalibrationSection.Measure(settings));
        text.Append(CalibrationSection.Render(calibration));

        var verdicts = Timed(log, "verdict corpus", () => VerdictSection.Measure(settings));
        text.Append(VerdictSection.Render(verdicts));

        text.Append(EvaluationCostSection.Render(Timed(log, "evaluation counts", () => EvaluationCostSection.Measure(calibration))));
        text.Append(OverheadSection.Render(Timed(log, "overhead", () => OverheadSection.Measure(settings, log))));
        text.Append(EvaluationCostSection.RenderPlaceholders());

        text.Append(TorchSection.Render(Timed(log, "PyTorch comparison", () => TorchSection.Measure(settings, log))));
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
