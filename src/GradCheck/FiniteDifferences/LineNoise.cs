namespace GradCheck.FiniteDifferences;

/// <summary>
/// The rounding noise of differences along one coordinate line, measured on that line. The check's global noise
/// (<see cref="Internal.NoiseProbe"/>) moves every coordinate at once, so every intermediate value of f is rounded
/// afresh; a step along one coordinate changes only what that coordinate feeds, and the rest of f's rounding cancels
/// in the difference. On a float32 ReLU MLP (64 samples, loss 1.6) the global probe measured 2.7e-6 while the
/// differences along single weights scattered by 5e-8 (half an ulp): a bound 50× too wide hid switch points crossed
/// by the steps (their changes passed for rounding) and made every small step useless.
/// </summary>
internal static class LineNoise
{
    /// <summary>Second differences sampled, as many as the global probe's directions.</summary>
    private const int Samples = Internal.NoiseProbe.Directions;

    /// <summary>
    /// How many times the measurement may look 4× closer when its second differences are curvature rather than rounding
    /// (see <see cref="Measure"/>): 4 reach 256× below the first step (√ε/4 → √ε/1024 relative to |x|), still a few ulps of x
    /// in float32.
    /// </summary>
    private const int CloserLooks = 4;

    /// <summary>
    /// The noise of one value of f along the line: the global probe's bound (<see cref="Internal.NoiseProbe.BoundFactor"/> × the
    /// largest of <see cref="Samples"/> second differences) at
    /// steps of √ε/4 … √ε/8 relative to |x| (the global probe's recipe and step), at least one ulp of f. The steps move x
    /// by thousands of its ulps, so their roundings are unrelated; switch points within them are rare (a ReLU
    /// pre-activation within 3e-5 of its switch point costs its share of the gradient times 3e-5). Curvature is not always
    /// negligible there: where f is tiny against its curvature (a float32 smoothed hinge 5e-4 from its margin, f = 2.5e-7,
    /// f'' = 2) the second differences are curvature, 10⁷ ulps of f, and every tolerance along the line inherited them. Above
    /// <see cref="GradientCheckDefaults.CloserNoiseLookUlps"/> ulps the steps shrink 4× while that shrinks the second
    /// differences below half (curvature shrinks 16×, rounding keeps its size), as the global probe does once.
    /// </summary>
    public static double Measure(ILineProbe probe, out int evaluations)
    {
        double scale = probe.X != 0 ? Math.Abs(probe.X) : 1.0;
        double tau = Math.Sqrt(probe.Epsilon) / 4 * scale;
        double fMax = Math.Abs(probe.F0);
        evaluations = 0;
        double largest = Largest(probe, tau, ref fMax, ref evaluations);
        for (int look = 0; look < CloserLooks && largest > GradientCheckDefaults.CloserNoiseLookUlps * probe.Epsilon * fMax; look++)
        {
            tau /= 4;
            double closer = Largest(probe, tau, ref fMax, ref evaluations);
            if (!(closer < largest / 2)) break;
            largest = closer;
        }
        return Math.Max(Internal.NoiseProbe.BoundFactor * largest, probe.Epsilon * fMax);
    }

    /// <summary>The largest of <see cref="Samples"/> second differences at steps τ … τ/2 (+∞ when f is not finite there).</summary>
    private static double Largest(ILineProbe probe, double tau, ref double fMax, ref int evaluations)
    {
        double largest = 0;
        for (int i = 0; i < Samples; i++)
        {
            double step = tau * (1 - 0.5 * i / (Samples - 1));
            double plus = probe.Evaluate(step, out double hp);
            double minus = probe.Evaluate(-step, out double hm);
            hm = -hm;
            evaluations += 2;
            if (!double.IsFinite(plus) || !double.IsFinite(minus) || hp <= 0 || hm <= 0) return double.PositiveInfinity;
            // Weighted so that a linear f gives exactly 0 when the realised steps differ (float32 rounds them).
            double second = (hm * plus + hp * minus - (hp + hm) * probe.F0) / (0.5 * (hp + hm));
            largest = Math.Max(largest, Math.Abs(second));
            fMax = Math.Max(fMax, Math.Max(Math.Abs(plus), Math.Abs(minus)));
        }
        return largest;
    }
}

/// <summary>A line probe whose measured noise is replaced: the same evaluations, judged with the line's own noise.</summary>
internal sealed class LineNoiseProbe(ILineProbe inner, double noise) : ILineProbe
{
    public double X => inner.X;

    public double F0 => inner.F0;

    public double Epsilon => inner.Epsilon;

    public double Noise => noise;

    public double Evaluate(double offset, out double actualOffset) => inner.Evaluate(offset, out actualOffset);
}
