namespace GradCheck.Tests.FiniteDifferences;

/// <summary>
/// float32 points a few ulps from a domain edge: steps are quantised to multiples of the ulp, and the window of
/// usable steps is narrow. Found by the benchmarks' random family (log and sqrt of x − c, c ∈ {1, 2}).
/// </summary>
public class DomainEdgeFloatTests
{
    [Theory]
    [InlineData(1, 1.64e-6)]
    [InlineData(2, 1.5e-6)]
    [InlineData(1, 4e-7)]
    [InlineData(0, 3e-7)]
    public void Log_next_to_its_edge_in_float_passes_with_the_exact_derivative(int edge, double distance)
    {
        float x = (float)(edge + distance);
        double u = (double)x - edge;   // exact: the realised distance after rounding x to float

        var report = GradientCheck.Run(v => MathF.Log(v[0] - edge), _ => [(float)(1 / u)], [x]);

        Assert.True(report.Passed, report.ToString());
    }

    [Theory]
    [InlineData(2, 1.04e-6)]
    [InlineData(1, 2e-6)]
    public void Sqrt_next_to_its_edge_in_float_passes_and_a_wrong_derivative_fails(int edge, double distance)
    {
        float x = (float)(edge + distance);
        double u = (double)x - edge;
        float exact = (float)(0.5 / Math.Sqrt(u));

        var good = GradientCheck.Run(v => MathF.Sqrt(v[0] - edge), _ => [exact], [x]);
        var bad = GradientCheck.Run(v => MathF.Sqrt(v[0] - edge), _ => [-exact], [x]);

        Assert.True(good.Passed, good.ToString());
        Assert.False(bad.Passed, bad.ToString());
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
