using GradCheck.Tests.Assurance;

namespace GradCheck.Tests.Fast;

/// <summary>
/// A failing direction that localisation cannot pin on any entry is estimated again from its tableau's smallest step.
/// Found by the false-assurance benchmark: a sum of 8 tanh terms over 24 coordinates (exact gradient) failed random
/// direction #4 by 2.4× its tolerance (1.07e-10 on −1.98) because its first steps (0.125 along a ±1 direction) left
/// higher-order truncation the tableau's error estimate missed.
/// </summary>
public sealed class DirectionRecheckTests
{
    private static readonly SmoothLoss Loss = SmoothLosses.All(9, 24).Single(l => l.Name.StartsWith("sum of 8 tanh", StringComparison.Ordinal));

    [Fact]
    public void A_direction_contradicted_by_its_own_smaller_steps_and_by_no_entry_does_not_fail_an_exact_gradient()
    {
        var report = GradientCheck.Run(Loss.Evaluate, Loss.Gradient, Loss.Point, new GradientCheckOptions { Mode = CheckMode.Fast });

        Assert.Equal(CheckOutcome.Passed, report.Outcome);
        Assert.Contains(report.Warnings, w => w.Contains("Random direction #4 disagreed", StringComparison.Ordinal) && w.Contains("estimated again from step", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1e-9)]
    [InlineData(1e-6)]
    public void A_small_error_spread_over_every_entry_still_fails(double relative)
    {
        double[] Scaled(double[] x) => Loss.Gradient(x).Select(g => g * (1 + relative)).ToArray();

        var report = GradientCheck.Run(Loss.Evaluate, Scaled, Loss.Point, new GradientCheckOptions { Mode = CheckMode.Fast });

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
    }
}
