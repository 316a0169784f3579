using GradCheck.FiniteDifferences;

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
}
