namespace GradCheck.Tests;

public class ReportTests
{
    private static GradientReport FailingReport(int wrongEntries)
    {
        int n = 15;
        var point = Enumerable.Range(0, n).Select(i => 0.1 * (i + 1)).ToArray();
        return GradientCheck.Run(x => x.Sum(v => v * v * v), x => x.Select((v, i) => i < wrongEntries ? 3 * v * v * 1.5 : 3 * v * v).ToArray(), point);
    }

    [Fact]
    public void Failure_message_names_index_both_values_error_and_tolerance()
    {
        var report = FailingReport(1);
        var failure = Assert.Single(report.Failures);

        var thrown = Assert.Throws<GradientCheckFailedException>(report.ThrowIfFailed);

        Assert.Same(report, thrown.Report);
        Assert.Contains("1 of 15 checked entries are wrong", thrown.Message);
        Assert.Contains("x[0]: analytic 0.045, numeric 0.03,", thrown.Message);
        Assert.Contains("> tolerance", thrown.Message);
        Assert.Contains(GradCheck.Reporting.ReportText.Num(failure.Tolerance), thrown.Message);
    }

    [Fact]
    public void Failure_message_lists_ten_failures_then_counts_the_rest()
    {
        var message = FailingReport(13).FailureMessage();
        Assert.Equal(10, message.Split('\n').Count(line => line.StartsWith("  x[")));
        Assert.Contains("… and 3 more.", message);
    }

    [Fact]
    public void Passing_report_does_not_throw_and_prints_a_summary_and_table()
    {
        var report = GradientCheck.Run(x => x[0] * x[1], x => [x[1], x[0]], [2.0, 3.0]);
        report.ThrowIfFailed();
        var text = report.ToString();
        Assert.StartsWith("PASSED: 2 of 2 entries ok;", text);
        Assert.Contains("entry", text);
        Assert.Contains("verdict", text);
        Assert.Contains("x[1]", text);
        Assert.Empty(report.Failures);
    }

    [Fact]
    public void Table_lists_failures_first()
    {
        var report = FailingReport(1);
        var lines = report.ToString().Split('\n');
        Assert.StartsWith("FAILED", lines[0]);
        Assert.Contains("x[0]", lines[2]);
        Assert.Contains("Mismatch", lines[2]);
    }

    [Fact]
    public void Entry_names_from_the_options_appear_in_messages()
    {
        var report = GradientCheck.Run(x => x[0] * x[0], x => [3 * x[0]], [1.0], new GradientCheckOptions { EntryName = i => $"fc1.weight[{i},0]" });
        Assert.Contains("fc1.weight[0,0]: analytic 3", report.FailureMessage());
    }

    [Fact]
    public void Inconclusive_entries_are_named_in_the_warnings()
    {
        // |f| ≈ 1e10 hides every derivative of size 1e-9: no step can resolve them in double (rounding of f is ~1e-6,
        // so the tolerance at any step is orders of magnitude above 5 % of the gradient).
        var report = GradientCheck.Run(x => 1e10 + 1e-9 * x[0] + 1e-9 * x[1] * x[1], x => [1e-9, 2e-9 * x[1]], [0.5, 0.5]);
        Assert.Equal(CheckOutcome.Inconclusive, report.Outcome);
        Assert.False(report.Passed);
        Assert.Empty(report.Failures);
        Assert.All(report.Entries, e => Assert.True(e.IsInconclusive, e.ToString()));
        Assert.Contains(report.Warnings, w => w.Contains("could not be resolved") && w.Contains("x[0]") && w.Contains("x[1]"));
        Assert.Throws<InconclusiveCheckException>(report.ThrowIfFailed);
    }

    [Fact]
    public void A_tiny_entry_of_a_well_resolved_gradient_is_not_inconclusive()
    {
        // The same hidden 1e-9 derivative next to an entry of size 1: judged against the gradient's scale, the
        // tolerance (~1e-6) resolves every error that matters, so the report passes.
        var report = GradientCheck.Run(x => 1e10 + 1e-9 * x[0] + x[1] * x[1], x => [1e-9, 2 * x[1]], [0.5, 0.5]);
        Assert.Equal(CheckOutcome.Passed, report.Outcome);
        Assert.False(report.Entries[0].IsInconclusive);
        Assert.True(report.Entries[0].Tolerance < 0.05, report.ToString());
    }
}

public class FastReportTextTests
{
    [Fact]
    public void Fast_mode_summary_counts_directions_and_located_entries()
    {
        int n = 200;
        double F(double[] x) => x.Select((v, i) => (1 + i % 3) * Math.Sin(v)).Sum();
        double[] G(double[] x) => x.Select((v, i) => (1 + i % 3) * Math.Cos(v)).ToArray();
        var x0 = Enumerable.Range(0, n).Select(i => Math.Cos(i)).ToArray();

        var passed = GradientCheck.Run(F, G, x0, new GradientCheckOptions { Mode = CheckMode.Fast });
        var failed = GradientCheck.Run(F, x => { var g = G(x); g[17] = -g[17]; return g; }, x0, new GradientCheckOptions { Mode = CheckMode.Fast });

        Assert.Equal(CheckMode.Fast, passed.Mode);
        Assert.StartsWith($"PASSED: {passed.Directions} random directions, 0 wrong entries located", passed.Summary);
        Assert.StartsWith($"FAILED: {failed.Directions} random directions, 1 wrong entries located", failed.Summary);
        Assert.DoesNotContain("per entry", failed.Summary);
    }
}
