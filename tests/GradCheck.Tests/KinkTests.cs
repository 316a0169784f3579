namespace GradCheck.Tests;

/// <summary>At a kink, a value between the one-sided derivatives is a valid subgradient; anything else is a Mismatch.</summary>
public class KinkTests
{
    private static double Relu(double x) => Math.Max(x, 0);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void Relu_at_zero_accepts_every_subgradient(double subgradient)
    {
        var report = GradientCheck.Run(x => Relu(x[0]) + x[1] * x[1], x => [subgradient, 2 * x[1]], [0.0, 0.7]);

        Assert.True(report.Passed, report.ToString());
        var entry = report.Entries[0];
        Assert.Equal(EntryVerdict.NonDifferentiable, entry.Verdict);
        Assert.Equal(0, entry.LeftDerivative!.Value, 12);
        Assert.Equal(1, entry.RightDerivative!.Value, 12);
        Assert.Equal(EntryVerdict.Ok, report.Entries[1].Verdict);
        Assert.Contains(report.Warnings, w => w.Contains("kink") && w.Contains("x[0]"));
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(2.0)]
    public void Relu_at_zero_rejects_values_outside_the_one_sided_derivatives(double wrong)
    {
        var report = GradientCheck.Run(x => Relu(x[0]), x => [wrong], [0.0]);

        Assert.False(report.Passed);
        Assert.Equal(EntryVerdict.Mismatch, report.Entries[0].Verdict);
        Assert.Contains("one-sided derivatives", report.FailureMessage());
    }

    [Fact]
    public void Abs_at_zero_with_curvature_has_the_right_one_sided_derivatives()
    {
        // f = |x| + sin x: left derivative 0, right derivative 2.
        var report = GradientCheck.Run(x => Math.Abs(x[0]) + Math.Sin(x[0]), x => [1.0], [0.0]);

        var entry = Assert.Single(report.Entries);
        Assert.Equal(EntryVerdict.NonDifferentiable, entry.Verdict);
        Assert.Equal(0, entry.LeftDerivative!.Value, 6);
        Assert.Equal(2, entry.RightDerivative!.Value, 6);
    }

    [Fact]
    public void Max_tie_accepts_either_winner_and_rejects_both()
    {
        double F(double[] x) => Math.Max(x[0], x[1]);
        Assert.True(GradientCheck.Run(F, _ => [1.0, 0.0], [0.3, 0.3]).Passed);
        Assert.True(GradientCheck.Run(F, _ => [0.0, 1.0], [0.3, 0.3]).Passed);
        var both = GradientCheck.Run(F, _ => [1.0, 1.0], [0.3, 0.3]);
        // [1, 1] passes entry by entry (each is a one-sided derivative); a per-entry check cannot see that the pair
        // is not a subgradient, and says so by calling both entries kinks rather than Ok.
        Assert.All(both.Entries, e => Assert.Equal(EntryVerdict.NonDifferentiable, e.Verdict));
        var wrong = GradientCheck.Run(F, _ => [-1.0, 0.0], [0.3, 0.3]);
        Assert.Equal([0], wrong.Failures.Select(f => f.Index));
    }

    [Theory]
    [InlineData(1e-7)]
    [InlineData(-1e-7)]
    [InlineData(1e-3)]
    public void Near_a_kink_the_true_derivative_passes_and_a_wrong_one_fails(double x0)
    {
        double exact = x0 > 0 ? 1 : 0;
        var good = GradientCheck.Run(x => Relu(x[0]), _ => [exact], [x0]);
        var bad = GradientCheck.Run(x => Relu(x[0]), _ => [exact + 0.5 + 1], [x0]);

        Assert.True(good.Passed, good.ToString());
        Assert.False(bad.Passed, bad.ToString());
    }

    [Fact]
    public void Smooth_functions_are_never_reported_as_kinks()
    {
        for (int seed = 0; seed < 30; seed++)
        {
            var problem = Support.TestProblems.TanhNetwork(3, 3, 4, 500 + seed);
            var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point);
            Assert.DoesNotContain(report.Entries, e => e.Verdict == EntryVerdict.NonDifferentiable);
        }
    }
}
