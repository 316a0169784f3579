namespace GradCheck.FiniteDifferences;

/// <summary>
/// The steps below a tableau's smallest, read for what an extrapolation cannot see (estimator-references.md,
/// dense-kinks.md): a jump at the point (the increments f(x ± t) − f(x) stop shrinking with t), a kink at the
/// point (the one-sided slopes stay apart at every small t), or a function that is smooth, or piecewise linear
/// with no switch point within reach, once t is small enough (central differences at steps 4× apart agree).
/// Only entries whose tableau looked irregular, or whose result a smaller step contradicted, pay for it.
/// </summary>
internal sealed class CloseLook
{
    /// <summary>Each row of the close look divides the step by this: jumps of 1e-6 show within 8 rows from 1e-3.</summary>
    public const double Shrink = 4.0;

    /// <summary>Rows at most: from a tableau's last step (~0.03) down to ~2e-9, where a jump of 1e-6 dwarfs a unit slope.</summary>
    public const int MaxRows = 12;

    /// <summary>
    /// Increments or slope gaps count as evidence only beyond this many rounding bounds: the bound is already a
    /// bound (2.5× the measured spread), so 8 of them is far outside what rounding produces.
    /// </summary>
    public const double EvidenceFactor = 8.0;

    /// <summary>Two values "stay the same" across a row when they differ by at most this fraction (a slope term shrinks 4× per row).</summary>
    public const double Constancy = 0.3;

    private readonly List<Row> _rows = [];

    public IReadOnlyList<Row> Rows => _rows;

    /// <summary>One pair of evaluations: realised steps and the raw increments on each side.</summary>
    public readonly record struct Row(double PlusStep, double MinusStep, double PlusIncrement, double MinusIncrement, double Noise)
    {
        public double Step => 0.5 * (PlusStep + MinusStep);

        /// <summary>(f(x+t) − f(x−t)) / (t₊ + t₋).</summary>
        public double Central => (PlusIncrement + MinusIncrement) / (PlusStep + MinusStep);

        public double RightSlope => PlusIncrement / PlusStep;

        public double LeftSlope => MinusIncrement / MinusStep;

        /// <summary>Rounding bound of the central difference: one noise unit per value, over the step.</summary>
        public double CentralRounding => Noise / Step;
    }

    private double _lastStep;
    private bool _ended;

    /// <summary>Starts a close look below <paramref name="step"/> (the tableau's smallest).</summary>
    public void Start(double step)
    {
        _rows.Clear();
        _lastStep = step;
        _ended = false;
    }

    /// <summary>
    /// Evaluates up to <paramref name="rows"/> more rows, each step a quarter of the one before; ends for good at
    /// <see cref="MaxRows"/>, when the realised step no longer shrinks, when f is not finite, or once both increments
    /// have sunk into rounding (nothing more can show). <paramref name="noise"/> gives the rounding bound of one value
    /// given the largest |f| seen. Returns the evaluations made.
    /// </summary>
    public int Extend(ILineProbe probe, double minStep, Func<double, double> noise, ref double fMax, int rows = MaxRows)
    {
        int evaluations = 0;
        double previous = _lastStep, f0 = probe.F0;
        for (int r = 0; r < rows && !_ended; r++)
        {
            if (_rows.Count >= MaxRows) { _ended = true; break; }
            double t = previous / Shrink;
            if (t < minStep) { _ended = true; break; }
            double fp = probe.Evaluate(t, out double hp);
            double fm = probe.Evaluate(-t, out double hm);
            evaluations += 2;
            hm = -hm;
            if (!double.IsFinite(fp) || !double.IsFinite(fm) || hp <= 0 || hm <= 0 || (hp > 0.75 * previous && hm > 0.75 * previous))
            {
                _ended = true;
                break;
            }
            fMax = Math.Max(fMax, Math.Max(Math.Abs(fp), Math.Abs(fm)));
            var row = new Row(hp, hm, fp - f0, f0 - fm, noise(fMax));
            _rows.Add(row);
            previous = _lastStep = row.Step;
            if (_rows.Count >= 3 && Math.Abs(row.PlusIncrement) < 4 * row.Noise && Math.Abs(row.MinusIncrement) < 4 * row.Noise) _ended = true;
            else if (_rows.Count >= 3 && Settled())
            {
                evaluations += Deep(probe, minStep, noise, ref fMax);
                _ended = true;
            }
        }
        return evaluations;
    }

    /// <summary>
    /// Both increments shrank like a slope's over the last row (a jump keeps its size), and the central differences
    /// converge (their last change is 2.5× smaller than the one before, or within rounding): no switch point was crossed
    /// between the last rows, so the rows so far can be read.
    /// </summary>
    private bool Settled()
    {
        // Three rows that agree are what the small-step estimate reads, so the last two changes must both be small.
        if (_rows.Count < 4) return false;
        var (before, now) = (_rows[^2], _rows[^1]);
        return Converging(_rows[^4], _rows[^3], _rows[^2]) && Converging(_rows[^3], _rows[^2], _rows[^1])
               && Shrinks(before.PlusIncrement, now.PlusIncrement, now.Noise) && Shrinks(before.MinusIncrement, now.MinusIncrement, now.Noise);

        static bool Converging(Row earlier, Row before, Row now)
        {
            double change = Math.Abs(now.Central - before.Central), previous = Math.Abs(before.Central - earlier.Central);
            return change <= previous / 2.5 || change <= 4 * (now.CentralRounding + before.CentralRounding);
        }

        static bool Shrinks(double before, double now, double noise) => Math.Abs(now) <= Math.Abs(before) / 2.5 + 2 * noise;
    }

    /// <summary>
    /// A jump hides behind a slope until t is below jump/slope (a jump of 1e-6 next to a unit slope: t ≲ 1e-8): one pair
    /// at the deepest step the type resolves (64 ulps of x) shows whether the increments still follow the slope. When
    /// they do not, two more rows (16× and 4× that step) are added so that <see cref="Jump"/> can read three rows.
    /// </summary>
    private int Deep(ILineProbe probe, double minStep, Func<double, double> noise, ref double fMax)
    {
        var last = _rows[^1];
        int evaluations = 0;
        Row? deep = null;
        double t = 64 * minStep;
        // Along a direction the line's own scale says nothing about the coordinates' ulps: grow the step until it is realised.
        for (; deep is null && t <= last.Step / 64; t *= 64)
        {
            deep = Pair(probe, t, noise, ref fMax);
            evaluations += 2;
        }
        if (deep is not { } row) return evaluations;
        t = row.Step;
        bool follows = Math.Abs(row.PlusIncrement - last.RightSlope * row.PlusStep) <= EvidenceFactor * 2 * row.Noise
                       && Math.Abs(row.MinusIncrement - last.LeftSlope * row.MinusStep) <= EvidenceFactor * 2 * row.Noise;
        if (follows) return evaluations;
        foreach (double factor in new[] { 16.0, 4.0 })
        {
            evaluations += 2;
            if (Pair(probe, factor * t, noise, ref fMax) is { } between) _rows.Add(between);
            else return evaluations;
        }
        _rows.Add(row);
        return evaluations;
    }

    private static Row? Pair(ILineProbe probe, double t, Func<double, double> noise, ref double fMax)
    {
        double fp = probe.Evaluate(t, out double hp);
        double fm = probe.Evaluate(-t, out double hm);
        hm = -hm;
        if (!double.IsFinite(fp) || !double.IsFinite(fm) || hp <= 0 || hm <= 0) return null;
        fMax = Math.Max(fMax, Math.Max(Math.Abs(fp), Math.Abs(fm)));
        return new Row(hp, hm, fp - probe.F0, probe.F0 - fm, noise(fMax));
    }

    /// <summary>
    /// f jumps at the point: on one side the increment f(x ± t) − f(x) is far above rounding and the same over the
    /// last three rows, where a slope would have shrunk it 16-fold. Returns the jump f(x⁺) − f(x⁻) as seen (one side's
    /// increment, or the sum when both sides jump), or null.
    /// </summary>
    public double? Jump()
    {
        double? plus = Constant(r => r.PlusIncrement), minus = Constant(r => r.MinusIncrement);
        if (plus is null && minus is null) return null;
        return (plus ?? 0) + (minus ?? 0);
    }

    /// <summary>
    /// A kink at the point: the one-sided slopes differ far beyond their rounding, by the same amount over the last
    /// three rows (for a smooth function the gap is ~f''·t and shrinks 4× per row). Returns the one-sided derivatives
    /// (Richardson over the two smallest of those rows) with their error, or null.
    /// </summary>
    public (double Left, double Right, double Error)? Kink()
    {
        var resolved = _rows.Where(r => Math.Abs(r.RightSlope - r.LeftSlope) > EvidenceFactor * 4 * r.Noise / r.Step).ToList();
        if (resolved.Count < 3) return null;
        // The smallest resolved steps: a kink nearby but not at the point leaves them once t is below its distance.
        var last = resolved.Skip(resolved.Count - 3).ToArray();
        if (!IsConsecutive(last)) return null;
        double gap = last[2].RightSlope - last[2].LeftSlope;
        for (int i = 0; i < 2; i++)
        {
            double other = last[i].RightSlope - last[i].LeftSlope;
            if (Math.Sign(other) != Math.Sign(gap) || Math.Abs(other - gap) > Constancy * Math.Abs(gap)) return null;
        }
        // One-sided differences carry an O(t) error: Richardson over the two smallest rows (steps 4× apart) removes it.
        double left = Extrapolate(last[1].LeftSlope, last[2].LeftSlope), right = Extrapolate(last[1].RightSlope, last[2].RightSlope);
        // The extrapolation's distance to the smallest row's slopes, and the rounding it amplifies ((4·2σ/t + 2σ/4t)/3 ≈ 3σ/t).
        double error = Math.Max(Math.Abs(left - last[2].LeftSlope), Math.Abs(right - last[2].RightSlope)) + 3 * last[2].Noise / last[2].Step;
        return (left, right, error);
    }

    private static double Extrapolate(double larger, double smaller) => (Shrink * smaller - larger) / (Shrink - 1);

    private bool IsConsecutive(Row[] rows) =>
        _rows.IndexOf(rows[2]) - _rows.IndexOf(rows[0]) == 2;

    /// <summary>
    /// The increment on one side, where three consecutive rows agree on it far above rounding. Any three rows, not just the
    /// last: a jump 1e-9 from the point shows as a constant increment in every row above 1e-9 and vanishes below it, and
    /// every close-look row is already below the tableau's smallest step, so such a jump is within the final step.
    /// </summary>
    private double? Constant(Func<Row, double> increment)
    {
        for (int end = _rows.Count - 1; end >= 2; end--)
        {
            double value = increment(_rows[end]);
            if (Math.Abs(value) <= EvidenceFactor * 2 * _rows[end].Noise) continue;
            bool constant = true;
            for (int r = end - 2; r < end && constant; r++)
            {
                double other = increment(_rows[r]);
                constant = Math.Sign(other) == Math.Sign(value) && Math.Abs(other - value) <= Constancy * Math.Abs(value) + 2 * _rows[r].Noise;
            }
            if (constant) return value;
        }
        return null;
    }
}
