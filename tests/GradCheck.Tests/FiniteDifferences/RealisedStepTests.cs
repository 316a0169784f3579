using GradCheck.FiniteDifferences;

namespace GradCheck.Tests.FiniteDifferences;

/// <summary>
/// The extrapolation must use the steps the element type realised, not the ones requested: in float32 next to a
/// domain edge, steps are rounded to multiples of the ulp and no longer halve exactly.
/// </summary>
public class RealisedStepTests
{
    /// <summary>exp along a line whose realised steps deviate from the requested ones by a few percent.</summary>
    private sealed class DistortedProbe : ILineProbe
    {
        public double X => 0.3;

        public double F0 => Math.Exp(X);

        public double Epsilon => Math.Pow(2, -52);

        public double Noise => 0;

        public double Evaluate(double offset, out double actualOffset)
        {
            // Deterministic distortion of up to 6 %, different for every step, the same on both sides (a central
            // difference over unequal sides has a first-order error that no extrapolation in h² removes).
            actualOffset = offset * (1 + 0.06 * Math.Sin(1e3 * Math.Abs(offset)));
            return Math.Exp(X + actualOffset);
        }
    }

    [Fact]
    public void Extrapolation_on_distorted_steps_is_as_accurate_as_on_exact_ones()
    {
        var estimate = new RiddersEstimator().Estimate(new DistortedProbe(), initialStep: 0.125, noiseUlps: 8);

        double exact = Math.Exp(0.3);
        Assert.True(Math.Abs(estimate.Value - exact) <= 1e-10 * exact, $"{estimate} vs {exact}");
        Assert.True(Math.Abs(estimate.Value - exact) <= 10 * estimate.ErrorEstimate, estimate.ToString());
    }
}
