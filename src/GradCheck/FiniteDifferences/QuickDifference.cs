namespace GradCheck.FiniteDifferences;

/// <summary>
/// The cheapest estimate that carries its own error: f at x − h, x + h and x + 2h (three evaluations; f(x) is known).
/// The cubic through the four values gives the derivative; its distance to the derivative of the parabola through x − h,
/// x and x + h (the central difference) is the error. That distance is the third divided difference times h², the
/// central difference's truncation, which for a smooth f is far above the cubic's own (h³). Nothing else is assumed:
/// a kink or a jump within 2h, randomness or noise all land in the third difference and make the error large, so the
/// estimate can decide an entry only where f is smooth at the scale of its steps (see <see cref="Internal.EarlyDecision"/>).
/// The steps are the offsets the element type realised, so the interpolation is exact for steps rounded in x.
/// </summary>
internal static class QuickDifference
{
    public const int Evaluations = 3;

    public static DerivativeEstimate Estimate(ILineProbe probe, double step, double noiseUlps)
    {
        double plus = probe.Evaluate(step, out double hp);
        double minus = probe.Evaluate(-step, out double hm);
        double twice = probe.Evaluate(2 * step, out double h2);
        hm = -hm;
        if (!double.IsFinite(plus) || !double.IsFinite(minus) || !double.IsFinite(twice) || !(hp > 0) || !(hm > 0) || !(h2 > hp))
            return new DerivativeEstimate { Value = double.NaN, ErrorEstimate = double.PositiveInfinity, Step = step, Evaluations = Evaluations };

        double f0 = probe.F0;
        double noise = Math.Max(noiseUlps * probe.Epsilon * Math.Max(Math.Max(Math.Abs(f0), Math.Abs(plus)), Math.Max(Math.Abs(minus), Math.Abs(twice))), probe.Noise);
        // Increments over f(x): the weight of f(x) in a derivative is minus the sum of the others', so it drops out.
        double dp = plus - f0, dm = minus - f0, d2 = twice - f0;
        // Lagrange weights of the derivative at 0 on the nodes 0, hp, −hm, h2 (cubic) and 0, hp, −hm (parabola).
        double wp = hm * h2 / (hp * (hp + hm) * (h2 - hp));
        double wm = -hp * h2 / (hm * (hp + hm) * (h2 + hm));
        double w2 = -hp * hm / (h2 * (h2 - hp) * (h2 + hm));
        double cubic = wp * dp + wm * dm + w2 * d2;
        double parabola = (dp * hm / hp - dm * hp / hm) / (hp + hm);
        // Each value carries the noise bound; f(x)'s weight is −(wp + wm + w2).
        double rounding = noise * (Math.Abs(wp) + Math.Abs(wm) + Math.Abs(w2) + Math.Abs(wp + wm + w2));
        return new DerivativeEstimate
        {
            Value = cubic, ErrorEstimate = Math.Abs(cubic - parabola) + rounding, RoundingError = rounding, Step = Math.Min(hp, hm),
            Evaluations = Evaluations,
        };
    }
}
