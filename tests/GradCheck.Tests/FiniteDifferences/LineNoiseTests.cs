using GradCheck.FiniteDifferences;
using GradCheck.Tests.Support;

namespace GradCheck.Tests.FiniteDifferences;

/// <summary>The noise of differences along one coordinate, measured on that coordinate (used to recheck failing entries).</summary>
public class LineNoiseTests
{
    [Fact]
    public void A_smooth_double_function_measures_a_few_ulps_and_never_less_than_one()
    {
        var probe = new ScalarProbe(x => Math.Sin(x) + 2, 0.7);
        double noise = LineNoise.Measure(probe, out int evaluations);
        double ulp = Math.Pow(2, -52) * probe.F0;
        Assert.Equal(8, evaluations);
        Assert.InRange(noise, ulp, 16 * ulp);
    }

    [Theory]
    [InlineData(1e-9)]
    [InlineData(1e-6)]
    public void Noise_of_a_known_amplitude_is_bounded_not_hidden(double amplitude)
    {
        // A deterministic jitter, uniform in ±amplitude, unrelated between the probed points.
        double Jitter(double x) => amplitude * (2 * new Random(BitConverter.DoubleToInt64Bits(x).GetHashCode()).NextDouble() - 1);
        var probe = new ScalarProbe(x => Math.Sin(x) + Jitter(x), 0.7);
        double noise = LineNoise.Measure(probe, out _);
        Assert.InRange(noise, amplitude, 10 * amplitude);
    }

    [Fact]
    public void A_function_not_finite_next_to_the_point_gives_no_measurement()
    {
        var probe = new ScalarProbe(x => x > 0.5 ? double.NaN : x, 0.5);
        Assert.Equal(double.PositiveInfinity, LineNoise.Measure(probe, out _));
    }

    /// <summary>
    /// Where f is tiny against its curvature (a float32 smoothed hinge 5e-4 from its margin: f = (1 − x)², 2.5e-7), second
    /// differences at the usual step are curvature (2·τ² = 1.5e-8, 10⁷ ulps of f), not rounding: the measurement looks
    /// closer until they stop shrinking 16× per 4× step.
    /// </summary>
    [Fact]
    public void Curvature_far_above_f_is_not_taken_for_noise()
    {
        var probe = new FloatLineProbe(x => (1 - x) * (1 - x), 0.9995f);
        double tau = Math.Sqrt(Math.Pow(2, -23)) / 4 * 0.9995;
        double noise = LineNoise.Measure(probe, out int evaluations);
        Assert.InRange(noise, Math.Pow(2, -23) * probe.F0, 1e-3 * 2 * tau * tau);
        Assert.InRange(evaluations, 16, 40);
    }
}
