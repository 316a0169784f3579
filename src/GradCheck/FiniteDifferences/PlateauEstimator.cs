namespace GradCheck.FiniteDifferences;

/// <summary>
/// The estimate for a line that crossed switch points (dense ReLU, leaky-ReLU and max-pool kinks near the point): plain
/// central differences at halving steps, no extrapolation, and the largest step whose difference the next two smaller
/// steps confirm. Between switch points a piecewise-linear f is differenced exactly, so three consecutive steps whose
/// one-sided slopes change linearly in the step are evidence that none of them crossed one; their value at the largest
/// step carries the least rounding. Extrapolating across such steps (Ridders) mixes steps on both sides of a switch point
/// and invents precision; shrinking to the rounding floor throws precision away: in float32 the window between the nearest
/// switch point and the rounding floor is about a decade wide (see docs/error-budget.md), and this estimator looks for it.
/// </summary>
internal static class PlateauEstimator
{
    /// <summary>
    /// Rows of halving steps at most: from the failing estimate's step, 2⁻¹⁰ reaches a thousand times below it (0.03 →
    /// 3e-5), past the nearest switch points of the corpus's float32 networks (1e-3 … 1e-2) and into their rounding floor.
    /// </summary>
    public const int MaxRows = 10;

    /// <summary>
    /// A kink at the point (one-sided slopes that stay apart as the step shrinks, instead of closing like f''·h) needs the
    /// gap at each of the three steps to exceed this many times its rounding, and the gap at the smallest step to be at least
    /// half the gap at the largest (a smooth f's gap falls 4× over two halvings).
    /// </summary>
    private const double KinkGapRoundings = 4.0;

    /// <summary>
    /// Central differences at steps <paramref name="start"/>, start/2, … judged with <paramref name="noise"/> (a bound on
    /// one value's rounding, measured along this line), <paramref name="evaluations"/> the evaluations spent. Null when
    /// fewer than three steps can be realised, f is not finite within them, or no three consecutive steps have one-sided
    /// slopes that change linearly.
    /// </summary>
    public static DerivativeEstimate? Estimate(ILineProbe probe, double start, double noise, out int evaluations)
    {
        var rows = new List<Row>(MaxRows);
        evaluations = 0;
        Candidate? best = null;
        bool rejected = false;
        double h = start;
        for (int k = 0; k < MaxRows; k++, h /= 2)
        {
            double fp = probe.Evaluate(h, out double hp);
            double fm = probe.Evaluate(-h, out double hm);
            hm = -hm;
            evaluations += 2;
            if (!double.IsFinite(fp) || !double.IsFinite(fm) || hp <= 0 || hm <= 0) break;
            // Below a few ulps of x the realised step stops halving: no new information.
            if (rows.Count > 0 && (hp > 0.75 * rows[^1].Plus || hm > 0.75 * rows[^1].Minus)) break;
            double step = 0.5 * (hp + hm);
            rows.Add(new Row(step, hp, hm, (fp - fm) / (hp + hm), (fp - probe.F0) / hp, (probe.F0 - fm) / hm, noise / step));
            if (rows.Count >= 3)
            {
                var candidate = Consider(rows, rows.Count - 3);
                rejected |= candidate is null;
                if (candidate is not null && (best is null || candidate.Error < best.Error)) best = candidate;
            }
            // The next candidate's error is at least the rounding of its largest step, the row before this one.
            if (best is not null && rows.Count >= 2 && rows[^2].Rounding >= best.Error) break;
        }
        return best is null ? null : FromPlateau(rows, best, evaluations) with { SwitchPointsSeen = rejected || best.NearSwitch > 0 };
    }

    private static DerivativeEstimate FromPlateau(List<Row> rows, Candidate best, int evaluations)
    {
        var (a, b, c) = (rows[best.First], rows[best.First + 1], rows[best.First + 2]);
        if (KinkAtPoint(a, b, c))
            return new DerivativeEstimate
            {
                Value = 0.5 * (a.Forward + a.Backward), ErrorEstimate = 2 * a.Rounding, RoundingError = 2 * a.Rounding, Step = a.Step,
                Evaluations = evaluations, LeftDerivative = a.Backward, RightDerivative = a.Forward, Irregular = true,
            };
        return new DerivativeEstimate
        {
            Value = a.Central, ErrorEstimate = best.Error, RoundingError = a.Rounding, Step = a.Step, Evaluations = evaluations,
            Irregular = true, ErrorIsMeasured = true,
        };
    }

    /// <summary>
    /// Rows a, b, c (halving steps) as a plateau: each one-sided slope moves linearly in the step (f(x±h) − f(x) = ±g·h +
    /// f''·h²/2: its changes halve as the step halves, or sit in rounding), so no switch point lies between the steps on
    /// either side; and the error of a's central difference is the largest distance among the three, plus how far the
    /// one-sided slopes bend, plus a's rounding (and <see cref="NearSwitch"/>): measured spreads, never a rounding bound
    /// subtracted from them. Dense switch points make a fake plateau of central
    /// differences: a float32 conv layer's steps 0.008 … 0.002 gave 0.0011292, 0.0011301, 0.0011387 for a true 0.0010884,
    /// while the forward slopes went 0.0010824, 0.001112, 0.001152 (a smooth f's changes halve; these grew).
    /// </summary>
    private static Candidate? Consider(List<Row> rows, int first)
    {
        var (a, b, c) = (rows[first], rows[first + 1], rows[first + 2]);
        if (!Linear(a.Forward, b.Forward, c.Forward, a.Rounding) || !Linear(a.Backward, b.Backward, c.Backward, a.Rounding)) return null;
        double spread = Math.Max(Math.Abs(a.Central - b.Central), Math.Max(Math.Abs(a.Central - c.Central), Math.Abs(b.Central - c.Central)));
        // What the one-sided slopes show beyond a straight line, half of it per side as the central difference averages them:
        // switch points too close together for the test above to resolve in float32 still count, as measured.
        double bends = 0.5 * (Bend(a.Forward, b.Forward, c.Forward) + Bend(a.Backward, b.Backward, c.Backward));
        double nearSwitch = NearSwitch(a, c);
        return new Candidate(first, spread + bends + a.Rounding + nearSwitch, nearSwitch);
    }

    /// <summary>
    /// What a switch point closer than the smallest of the three steps can hide: one side's slope is then offset by that
    /// switch's change of slope at every step (it is crossed by all of them), so no trend shows, but the gap between the
    /// one-sided slopes stays instead of shrinking like f''·h. The derivative is then one of the one-sided slopes, not their
    /// mean: half the gap is added to the error whenever the gap over two halvings does not fall below half (a smooth f's
    /// falls to a quarter). No rounding threshold: the term only ever widens an error, and a gap within rounding adds no
    /// more than that rounding. A float32 ReLU MLP weight (true derivative −0.000925) gave centrals −0.00193 ± 0.00016 at
    /// steps 0.016 … 0.004, with one-sided slopes −0.0018 and −0.0021 at every step. Measured on the float32 ReLU and
    /// leaky-ReLU MLPs of the corpus, all 517 entries over 10 seeds: 34 and 33 correct entries failed without this term, 3
    /// and 3 with it.
    /// </summary>
    private static double NearSwitch(Row a, Row c)
    {
        double gapA = a.Forward - a.Backward, gapC = c.Forward - c.Backward;
        bool persistent = Math.Abs(gapC) > 0.5 * Math.Abs(gapA);
        return persistent ? 0.5 * Math.Max(Math.Abs(gapA), Math.Abs(gapC)) : 0;
    }

    /// <summary>
    /// How far a one-sided slope's second change may stray from half its first, relative to the first: an h² term
    /// (f'''·h²/6) leaves 3/8 of its size there, negligible at the steps a plateau is searched at; a switch point crossed
    /// between the steps moves the slope by its share of the gradient, unrelated to the step.
    /// </summary>
    private const double LinearitySlack = 0.25;

    /// <summary>
    /// One-sided slopes at steps h, h/2, h/4 that change linearly in h: (s(h) − s(h/2)) − 2·(s(h/2) − s(h/4)) within its
    /// rounding (18 noise / h: the three values and f(x) enter with weights 1, 6, 8 and 3) and
    /// <see cref="LinearitySlack"/> of the first change.
    /// </summary>
    private static bool Linear(double sa, double sb, double sc, double centralRounding) =>
        Bend(sa, sb, sc) <= 18 * centralRounding + LinearitySlack * Math.Abs(sa - sb);

    /// <summary>How far one-sided slopes at steps h, h/2, h/4 are from changing linearly in h.</summary>
    private static double Bend(double sa, double sb, double sc) => Math.Abs(sa - sb - 2 * (sb - sc));

    /// <summary>One-sided slopes that stay apart at all three steps: a kink at the point itself, not one near it.</summary>
    private static bool KinkAtPoint(Row a, Row b, Row c)
    {
        double gapA = a.Forward - a.Backward, gapB = b.Forward - b.Backward, gapC = c.Forward - c.Backward;
        bool wide = Math.Abs(gapA) > KinkGapRoundings * 4 * a.Rounding && Math.Abs(gapB) > KinkGapRoundings * 4 * b.Rounding
                    && Math.Abs(gapC) > KinkGapRoundings * 4 * c.Rounding;
        return wide && Math.Sign(gapA) == Math.Sign(gapC) && Math.Abs(gapC) >= 0.5 * Math.Abs(gapA);
    }

    /// <summary>
    /// One step's differences: the mean realised step, the realised steps on each side, the central difference, the
    /// one-sided slopes, the central difference's rounding bound, noise / step (a one-sided slope's is twice that).
    /// </summary>
    private sealed record Row(double Step, double Plus, double Minus, double Central, double Forward, double Backward, double Rounding);

    /// <summary>Three rows as a plateau: the first row's index, the error of its central difference, and the near-switch part of that error.</summary>
    private sealed record Candidate(int First, double Error, double NearSwitch);
}
