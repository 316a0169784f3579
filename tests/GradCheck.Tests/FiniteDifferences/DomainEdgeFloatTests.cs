namespace GradCheck.Tests.FiniteDifferences;

/// <summary>
/// float32 points a few ulps from a domain edge: steps are quantised to multiples of the ulp, and the window of
/// usable steps is narrow. Found by the benchmarks' random family (log and sqrt of x − c, c ∈ {1, 2}).
/// </summary>
public class DomainEdgeFloatTests
{
    [Theory]
    [InlineData(1, 1.64e-6)]   // 14 ulps from the edge
    [InlineData(0, 3e-7)]      // the edge at 0: ulps are tiny there, steps plentiful
    public void Log_next_to_its_edge_in_float_passes_with_the_exact_derivative(int edge, double distance)
    {
        float x = (float)(edge + distance);
        double u = (double)x - edge;   // exact: the realised distance after rounding x to float

        var report = GradientCheck.Run(v => MathF.Log(v[0] - edge), _ => [(float)(1 / u)], [x]);

        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>
    /// 3 and 6 ulps from the edge only steps of 1–4 ulps exist: the smallest difference is off by 1–4 % and nothing
    /// smaller can show by how much. Those entries are Inconclusive (never a false Mismatch, never a confident Passed),
    /// and the tolerance covers the true error.
    /// </summary>
    [Theory]
    [InlineData(1, 4e-7)]
    [InlineData(2, 1.5e-6)]
    public void Log_a_few_ulps_from_its_edge_in_float_is_inconclusive_not_a_false_alarm(int edge, double distance)
    {
        float x = (float)(edge + distance);
        double u = (double)x - edge;

        var report = GradientCheck.Run(v => MathF.Log(v[0] - edge), _ => [(float)(1 / u)], [x]);

        Assert.Equal(CheckOutcome.Inconclusive, report.Outcome);
        var entry = Assert.Single(report.Entries);
        Assert.True(Math.Abs(entry.Numeric - 1 / u) <= entry.Tolerance, report.ToString());
        Assert.Throws<InconclusiveCheckException>(report.ThrowIfFailed);
    }

    [Theory]
    [InlineData(2, 1.04e-6, CheckOutcome.Inconclusive)]   // 4 ulps from the edge: two usable steps
    [InlineData(1, 2e-6, CheckOutcome.Passed)]            // 17 ulps
    public void Sqrt_next_to_its_edge_in_float_never_false_alarms_and_a_wrong_derivative_fails(int edge, double distance, CheckOutcome expected)
    {
        float x = (float)(edge + distance);
        double u = (double)x - edge;
        float exact = (float)(0.5 / Math.Sqrt(u));

        var good = GradientCheck.Run(v => MathF.Sqrt(v[0] - edge), _ => [exact], [x]);
        var bad = GradientCheck.Run(v => MathF.Sqrt(v[0] - edge), _ => [-exact], [x]);

        Assert.Equal(expected, good.Outcome);
        Assert.Equal(CheckOutcome.Failed, bad.Outcome);
        Assert.Equal(EntryVerdict.Mismatch, Assert.Single(bad.Failures).Verdict);
    }

    [Fact]
    public void Coarse_entries_are_named_in_the_warnings()
    {
        // A 1e10 offset leaves double differences with about five digits: a 0.01 % bug could pass, and the report says so.
        var report = GradientCheck.Run(x => 1e10 + Math.Sin(x[0]) + x[1] * x[1], x => [Math.Cos(x[0]), 2 * x[1]], [1.0, 0.5]);

        Assert.True(report.Passed);
        Assert.Contains(report.Warnings, w => w.Contains("checked only coarsely") && w.Contains("x[0]"));
    }
}
