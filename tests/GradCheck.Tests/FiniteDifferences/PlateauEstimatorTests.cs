using GradCheck.FiniteDifferences;
using GradCheck.Tests.Support;

namespace GradCheck.Tests.FiniteDifferences;

/// <summary>
/// The estimate a failing entry is rechecked with: central differences at halving steps, kept only where three steps
/// show no switch point between them. Judged against exact derivatives; the error it reports must cover its true error.
/// </summary>
public class PlateauEstimatorTests
{
    /// <summary>Σ cₖ·relu(x − sₖ): slope changes by cₖ at each switch point sₖ.</summary>
    private static double Ramps(double x, double[] switches, double[] changes)
    {
        double sum = 0.25 * x;
        for (int k = 0; k < switches.Length; k++) sum += changes[k] * Math.Max(0, x - switches[k]);
        return sum;
    }

    [Fact]
    public void Switch_points_crossed_by_the_large_steps_are_left_behind_and_the_estimate_is_exact_below_them()
    {
        double x = 0.4;
        // Switch points 0.0025 … 0.05 away on both sides: every step from 0.06 down to 0.004 crosses some of them.
        double[] switches = [x + 0.05, x - 0.03, x + 0.011, x - 0.007, x + 0.0025];
        double[] changes = [0.8, -0.6, 0.5, 0.9, -0.7];
        double exact = 0.25 + changes.Where((_, k) => switches[k] < x).Sum();   // 0.25 − 0.6 + 0.9

        var estimate = PlateauEstimator.Estimate(new ScalarProbe(v => Ramps(v, switches, changes), x), 0.06, 1e-16, out int evaluations);

        Assert.NotNull(estimate);
        Assert.True(estimate.Step < 0.0025, $"step {estimate.Step}");
        Assert.Equal(exact, estimate.Value, 1e-9);
        Assert.True(Math.Abs(estimate.Value - exact) <= estimate.ErrorEstimate, $"{estimate.Value} ± {estimate.ErrorEstimate} for {exact}");
        Assert.InRange(estimate.ErrorEstimate, 0, 1e-9);
        Assert.InRange(evaluations, 6, 2 * PlateauEstimator.MaxRows);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-2.1)]
    public void On_a_smooth_function_the_error_covers_the_truncation(double x)
    {
        var estimate = PlateauEstimator.Estimate(new ScalarProbe(Math.Sin, x), 0.05, 1e-16, out _);

        Assert.NotNull(estimate);
        Assert.Null(estimate.LeftDerivative);
        Assert.True(Math.Abs(estimate.Value - Math.Cos(x)) <= estimate.ErrorEstimate, $"{estimate.Value} ± {estimate.ErrorEstimate} for {Math.Cos(x)}");
        Assert.InRange(estimate.ErrorEstimate, 0, 1e-3);
    }

    /// <summary>
    /// A switch point 2e-5 from the point, crossed by every step but the last few: each crossing step's slopes move like
    /// 1/h (not like h), so those steps are no plateau, and the estimate comes from the steps below the switch point.
    /// </summary>
    [Theory]
    [InlineData(2e-5)]
    [InlineData(-2e-5)]
    public void A_switch_point_close_to_the_point_is_stepped_under(double distance)
    {
        double x = 0.4;
        double[] switches = [x + distance];
        double[] changes = [1.0];
        double exact = 0.25 + (distance < 0 ? 1.0 : 0.0);

        var estimate = PlateauEstimator.Estimate(new ScalarProbe(v => Ramps(v, switches, changes), x), 0.001, 1e-16, out _);

        Assert.NotNull(estimate);
        Assert.True(estimate.Step < Math.Abs(distance), $"step {estimate.Step}");
        Assert.Equal(exact, estimate.Value, 1e-9);
        Assert.True(Math.Abs(estimate.Value - exact) <= estimate.ErrorEstimate + 1e-12, $"{estimate.Value} ± {estimate.ErrorEstimate} for {exact}");
    }

    /// <summary>
    /// A switch point closer than every step, in float32: every right-hand (or left-hand) difference crosses it, so the
    /// central differences sit between the one-sided slopes at every step, a plateau that is not the derivative, and the
    /// one-sided slopes' gap is only a few roundings. The estimate must say so: a kink interval holding the true slope, or
    /// an error that covers it (half the gap belongs in the error whenever it does not shrink with the step).
    /// </summary>
    [Theory]
    [InlineData(0.3f, 2e-5)]
    [InlineData(0.3f, -2e-5)]
    [InlineData(1.7f, 3e-5)]
    public void In_float_a_near_switch_point_widens_the_error_instead_of_failing_a_correct_slope(float x, double distance)
    {
        float at = (float)(x + distance);
        float F(float v) => 100f + 0.5f * v + 0.004f * MathF.Max(0, v - at);
        double exact = 0.5 + (at < x ? 0.004 : 0.0);
        var probe = new FloatLineProbe(F, x);
        double noise = LineNoise.Measure(probe, out _);

        var estimate = PlateauEstimator.Estimate(probe, 0.06, noise, out _);

        Assert.NotNull(estimate);
        bool covered = estimate is { LeftDerivative: { } left, RightDerivative: { } right }
            ? exact >= Math.Min(left, right) - estimate.ErrorEstimate && exact <= Math.Max(left, right) + estimate.ErrorEstimate
            : Math.Abs(estimate.Value - exact) <= estimate.ErrorEstimate;
        Assert.True(covered, $"{estimate.Value} ± {estimate.ErrorEstimate} [{estimate.LeftDerivative}, {estimate.RightDerivative}] for {exact} (noise {noise})");
    }

    [Fact]
    public void No_plateau_when_f_is_not_finite_next_to_the_point()
    {
        Assert.Null(PlateauEstimator.Estimate(new ScalarProbe(v => v > 0.4 ? double.NaN : v, 0.4), 0.06, 1e-16, out int evaluations));
        Assert.Equal(2, evaluations);
    }
}
