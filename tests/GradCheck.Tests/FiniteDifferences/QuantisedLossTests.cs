namespace GradCheck.Tests.FiniteDifferences;

/// <summary>
/// A saturated float32 log-loss log(1 + e⁻ᵒ): for o ≥ 17, 1 + e⁻ᵒ rounds to 1 and f is exactly 0 at every step, while
/// the true derivative −e⁻ᵒ/(1 + e⁻ᵒ) is not. Its quantum (that of values of size 1) is far above the derivative: Inconclusive, never a Mismatch against "0 ± 0".
/// </summary>
public sealed class QuantisedLossTests
{
    private static float LogLoss(float o) => MathF.Log(1 + MathF.Exp(-o));

    private static float Exact(float o) => (float)(-Math.Exp(-o) / (1 + Math.Exp(-o)));

    [Theory]
    [InlineData(17f)]
    [InlineData(20f)]
    [InlineData(30f)]
    public void A_loss_quantised_to_zero_is_inconclusive_not_failed(float o)
    {
        var report = GradientCheck.Run(x => LogLoss(x[0]), x => [Exact(x[0])], [o]);

        Assert.Equal(CheckOutcome.Inconclusive, report.Outcome);
        Assert.Equal(EntryVerdict.Inconclusive, Assert.Single(report.Entries).Verdict);
        Assert.Throws<InconclusiveCheckException>(report.ThrowIfFailed);
    }

    /// <summary>A dead ReLU is exactly 0 at every step too: slope 0 passes, a claimed slope of 1 still fails.</summary>
    [Fact]
    public void A_truly_flat_zero_passes_an_exact_zero_and_fails_a_wrong_slope()
    {
        var flat = GradientCheck.Run(x => MathF.Max(x[0], 0), x => [0f], [-0.5f]);
        var wrong = GradientCheck.Run(x => MathF.Max(x[0], 0), x => [1f], [-0.5f]);
        var flatDouble = GradientCheck.Run(x => Math.Max(x[0], 0), x => [0.0], [-0.5]);

        Assert.Equal(CheckOutcome.Passed, flat.Outcome);
        Assert.Equal(CheckOutcome.Passed, flatDouble.Outcome);
        Assert.Equal(EntryVerdict.Mismatch, Assert.Single(wrong.Failures).Verdict);
    }

    [Theory]
    [InlineData(17f)]
    [InlineData(30f)]
    public void Next_to_a_resolved_coordinate_the_saturated_entry_is_judged_against_the_gradients_scale(float o)
    {
        var report = GradientCheck.Run(x => LogLoss(x[0]) + LogLoss(x[1]), x => [Exact(x[0]), Exact(x[1])], [o, 0.5f]);
        var wrong = GradientCheck.Run(x => LogLoss(x[0]) + LogLoss(x[1]), x => [Exact(x[0]), -Exact(x[1])], [o, 0.5f]);

        Assert.Equal(CheckOutcome.Passed, report.Outcome);
        Assert.Equal([1], wrong.Failures.Select(f => f.Index));
    }
}
