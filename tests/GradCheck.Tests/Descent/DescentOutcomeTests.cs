using GradCheck.Tests.Support;

namespace GradCheck.Tests.Descent;

/// <summary>The descent check's outcome: a zero gradient or an unresolvable loss change is inconclusive, not a failure and not a pass.</summary>
public sealed class DescentOutcomeTests
{
    private static double F(double[] x) => x[0] * x[0] * x[1] + Math.Sin(x[1]);

    private static double[] G(double[] x) => [2 * x[0] * x[1], x[0] * x[0] + Math.Cos(x[1])];

    [Fact]
    public void A_zero_gradient_is_inconclusive_and_throws_InconclusiveCheckException_unless_accepted()
    {
        var strict = DescentCheck.Run(F, x => new double[x.Length], [0.3, 0.7]);
        var lenient = DescentCheck.Run(F, x => new double[x.Length], [0.3, 0.7], new DescentCheckOptions { AcceptInconclusive = true });

        Assert.Equal(CheckOutcome.Inconclusive, strict.Outcome);
        Assert.False(strict.Passed);
        Assert.StartsWith("Descent check INCONCLUSIVE", strict.Summary);
        Assert.False(strict.AcceptsInconclusive);
        Assert.True(lenient.AcceptsInconclusive);
        var thrown = Assert.Throws<InconclusiveCheckException>(strict.ThrowIfFailed);
        Assert.Contains("DescentCheckOptions.AcceptInconclusive", thrown.Message);
        lenient.ThrowIfFailed();
    }

    [Fact]
    public void A_drowned_loss_change_is_inconclusive()
    {
        var report = DescentCheck.Run(Drowned.F, Drowned.Gradient, Drowned.Point);
        Assert.Equal(CheckOutcome.Inconclusive, report.Outcome);
        Assert.True(double.IsNaN(report.LimitRatio));
    }

    [Fact]
    public void A_correct_gradient_passes_a_scaled_one_fails_and_a_non_finite_one_fails()
    {
        var right = DescentCheck.Run(F, G, [0.3, 0.7]);
        var scaled = DescentCheck.Run(F, x => G(x).Select(v => 0.5 * v).ToArray(), [0.3, 0.7]);
        var nan = DescentCheck.Run(F, _ => [double.NaN, 1], [0.3, 0.7], new DescentCheckOptions { AcceptInconclusive = true });

        Assert.Equal(CheckOutcome.Passed, right.Outcome);
        Assert.InRange(right.LimitRatio, 1 - 1e-6, 1 + 1e-6);
        right.ThrowIfFailed();
        Assert.Equal(CheckOutcome.Failed, scaled.Outcome);
        Assert.InRange(scaled.LimitRatio, 2 - 1e-6, 2 + 1e-6);     // ∇f·g/|g|² = 2 exactly for g = ∇f/2
        Assert.StartsWith("Descent check FAILED", scaled.Summary);
        Assert.Throws<DescentCheckFailedException>(scaled.ThrowIfFailed);
        Assert.Equal(CheckOutcome.Failed, nan.Outcome);
        Assert.Throws<DescentCheckFailedException>(nan.ThrowIfFailed);
    }
}
