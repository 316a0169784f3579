using GradCheck.Tests.Support;

namespace GradCheck.Tests.Taylor;

/// <summary>The Taylor test's outcome: inconclusive when no order could be measured, and never printed as a pass.</summary>
public sealed class TaylorOutcomeTests
{
    [Fact]
    public void A_drowned_remainder_is_inconclusive_and_throws_InconclusiveCheckException_unless_accepted()
    {
        var strict = TaylorTest.Run(Drowned.F, Drowned.Gradient, Drowned.Point);
        var lenient = TaylorTest.Run(Drowned.F, Drowned.Gradient, Drowned.Point, new TaylorTestOptions { AcceptInconclusive = true });

        Assert.Equal(CheckOutcome.Inconclusive, strict.Outcome);
        Assert.False(strict.Passed);
        Assert.StartsWith("inconclusive", strict.Conclusion);
        Assert.StartsWith("Taylor test INCONCLUSIVE", strict.Summary);
        Assert.False(strict.AcceptsInconclusive);
        Assert.True(lenient.AcceptsInconclusive);
        var thrown = Assert.Throws<InconclusiveCheckException>(strict.ThrowIfFailed);
        Assert.Contains("TaylorTestOptions.AcceptInconclusive", thrown.Message);
        lenient.ThrowIfFailed();
    }

    [Fact]
    public void A_correct_gradient_passes_and_a_wrong_one_fails()
    {
        // f = x₀²x₁ + sin x₁ with its exact gradient, and the same gradient scaled by 1.1.
        static double F(double[] x) => x[0] * x[0] * x[1] + Math.Sin(x[1]);
        static double[] G(double[] x) => [2 * x[0] * x[1], x[0] * x[0] + Math.Cos(x[1])];
        var right = TaylorTest.Run(F, G, [0.3, 0.7]);
        var wrong = TaylorTest.Run(F, x => G(x).Select(v => 1.1 * v).ToArray(), [0.3, 0.7]);

        Assert.Equal(CheckOutcome.Passed, right.Outcome);
        Assert.True(right.Passed);
        Assert.StartsWith("Taylor test PASSED", right.Summary);
        right.ThrowIfFailed();
        Assert.Equal(CheckOutcome.Failed, wrong.Outcome);
        Assert.StartsWith("Taylor test FAILED", wrong.Summary);
        Assert.Throws<TaylorTestFailedException>(wrong.ThrowIfFailed);
    }

    [Fact]
    public void A_non_finite_gradient_fails_even_when_inconclusive_is_accepted()
    {
        var report = TaylorTest.Run(x => x[0] * x[0], _ => [double.NaN], [0.5], new TaylorTestOptions { AcceptInconclusive = true });
        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        Assert.Throws<TaylorTestFailedException>(report.ThrowIfFailed);
    }
}
