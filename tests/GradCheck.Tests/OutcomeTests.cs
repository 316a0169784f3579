using GradCheck.Tests.Support;

namespace GradCheck.Tests;

/// <summary>
/// Every gradient report carries <see cref="CheckOptions.AcceptInconclusive"/> over from its options, so
/// <see cref="GradientReport.ThrowIfFailed"/> throws on an unresolved check exactly when the caller did not accept it.
/// </summary>
public sealed class OutcomeTests
{
    private static readonly GradientCheckOptions Accepting = new() { AcceptInconclusive = true };

    [Theory]
    [InlineData(CheckMode.Full)]
    [InlineData(CheckMode.Fast)]
    public void A_drowned_check_throws_InconclusiveCheckException_unless_accepted(CheckMode mode)
    {
        var strict = GradientCheck.Run(Drowned.F, Drowned.Gradient, Drowned.Point, new GradientCheckOptions { Mode = mode });
        var lenient = GradientCheck.Run(Drowned.F, Drowned.Gradient, Drowned.Point, Accepting with { Mode = mode });

        Assert.Equal(CheckOutcome.Inconclusive, strict.Outcome);
        Assert.Equal(CheckOutcome.Inconclusive, lenient.Outcome);
        Assert.False(strict.AcceptsInconclusive);
        Assert.True(lenient.AcceptsInconclusive);
        Assert.False(lenient.Passed);                      // accepting does not turn it into a pass
        var thrown = Assert.Throws<InconclusiveCheckException>(strict.ThrowIfFailed);
        Assert.Contains("AcceptInconclusive", thrown.Message);
        lenient.ThrowIfFailed();
    }

    [Fact]
    public void Accepting_inconclusive_entries_does_not_hide_a_wrong_gradient()
    {
        var report = GradientCheck.Run(x => x[0] * x[0], x => [3 * x[0]], [1.0], Accepting);
        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        Assert.True(report.AcceptsInconclusive);
        Assert.Throws<GradientCheckFailedException>(report.ThrowIfFailed);
    }

    [Fact]
    public void The_summary_and_the_table_say_INCONCLUSIVE_not_FAILED()
    {
        var report = GradientCheck.Run(Drowned.F, Drowned.Gradient, Drowned.Point);
        Assert.StartsWith("INCONCLUSIVE: 0 of 2 entries ok", report.Summary);
        Assert.Contains("2 inconclusive", report.Summary);
        Assert.StartsWith("INCONCLUSIVE", report.ToString());
        Assert.StartsWith("PASSED: 2 of 2 entries ok", GradientCheck.Run(x => x[0] * x[1], x => [x[1], x[0]], [0.3, 0.7]).Summary);
        Assert.StartsWith("FAILED: 0 of 1 entries ok", GradientCheck.Run(x => x[0] * x[0], x => [3 * x[0]], [1.0]).Summary);
    }

    [Fact]
    public void The_nearby_check_carries_the_option_into_the_merged_report()
    {
        var strict = GradientCheck.RunNearby(Drowned.F, Drowned.Gradient, Drowned.Point, 2);
        var lenient = GradientCheck.RunNearby(Drowned.F, Drowned.Gradient, Drowned.Point, 2, Accepting);
        Assert.Equal(CheckOutcome.Inconclusive, lenient.Outcome);
        Assert.True(lenient.AcceptsInconclusive);
        Assert.False(strict.AcceptsInconclusive);
        Assert.Throws<InconclusiveCheckException>(strict.ThrowIfFailed);
        lenient.ThrowIfFailed();
    }

    [Theory]
    [InlineData(CheckMode.Full)]
    [InlineData(CheckMode.Fast)]
    public void The_Jacobian_check_carries_the_option(CheckMode mode)
    {
        // y = (x₀x₁, sin x₀) with its exact Jacobian: passes, and the flag is the option's in both settings.
        double[] F(double[] x) => [x[0] * x[1], Math.Sin(x[0])];
        double[,] J(double[] x) => new[,] { { x[1], x[0] }, { Math.Cos(x[0]), 0 } };
        var strict = JacobianCheck.Run(F, J, [0.3, 0.7], new GradientCheckOptions { Mode = mode });
        var lenient = JacobianCheck.Run(F, J, [0.3, 0.7], Accepting with { Mode = mode });
        Assert.Equal(CheckOutcome.Passed, strict.Outcome);
        Assert.False(strict.AcceptsInconclusive);
        Assert.True(lenient.AcceptsInconclusive);
    }

    [Fact]
    public void The_Hessian_check_carries_its_own_option()
    {
        // f = x₀²x₁: ∇f = (2x₀x₁, x₀²), H·v = (2x₁v₀ + 2x₀v₁, 2x₀v₀), exactly.
        double[] G(double[] x) => [2 * x[0] * x[1], x[0] * x[0]];
        double[] Hv(double[] x, double[] v) => [2 * x[1] * v[0] + 2 * x[0] * v[1], 2 * x[0] * v[0]];
        var strict = HessianCheck.Run(G, Hv, [0.3, 0.7]);
        var lenient = HessianCheck.Run(G, Hv, [0.3, 0.7], new HessianCheckOptions { AcceptInconclusive = true });
        Assert.Equal(CheckOutcome.Passed, strict.Outcome);
        Assert.False(strict.AcceptsInconclusive);
        Assert.True(lenient.AcceptsInconclusive);
    }
}
