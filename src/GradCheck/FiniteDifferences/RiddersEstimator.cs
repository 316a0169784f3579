namespace GradCheck.FiniteDifferences;

/// <summary>
/// Ridders' extrapolation of finite differences (Numerical Recipes' dfridr, step ratio 2), made robust:
/// <list type="number">
/// <item>The step halves row by row; a tableau entry is trusted only once the raw central differences are in
/// their asymptotic regime (successive differences shrink geometrically, or sit at the rounding floor) for two
/// rows in a row. A first step that is too large for the function — a pole, a kink, a fast oscillation within
/// reach — so costs rows, never a confident wrong answer.</item>
/// <item>The same evaluations give one-sided differences, extrapolated in their own tableaux; when their limits
/// disagree beyond their errors, the function has a kink and both one-sided derivatives are returned.</item>
/// </list>
/// Reuses its buffers: one instance per thread.
/// </summary>
internal sealed class RiddersEstimator
{
    private const int Capacity = GradientCheckDefaults.MaxRowsUnconverged;
    private const double Shrink = GradientCheckDefaults.StepShrink;

    /// <summary>Successive differences shrinking at least this much per halving count as geometric convergence (h^0.7 or faster).</summary>
    private const double AsymptoticRatio = 1.6;

    /// <summary>
    /// Two successive convergence ratios must agree within this factor (4 and 16 — an h² term giving way to
    /// h⁴ — still agree; random ratios from garbage rows mostly do not).
    /// </summary>
    private const double RatioAgreement = 4.5;

    /// <summary>
    /// Consecutive, agreeing convergence ratios required before the tableau is trusted. Aliasing can fake any
    /// number (float32 sin(1000x) sampled at h = 0.5 … 0.03 gives ratios 2.8, 3.7, 3.8); a third ratio costs two
    /// evaluations per entry and, in noisy float32 losses, sends many entries to the unconverged path.
    /// </summary>
    private const int RegimeRatios = 2;

    /// <summary>
    /// Changes between rows below this many rounding units (noise / step) count as converged to the rounding floor. Two
    /// rows' rounding explains at most 1.5 units (noise/h + noise/2h, the noise already a bound); 4 let a float32 ReLU
    /// network's rows that jumped by 7 % of the value across switch points pass as "rounding" and be extrapolated into a
    /// confident wrong estimate (0.001308 ± 0.00004 for 0.001437).
    /// </summary>
    private const double NoiseAllowance = 2.0;

    /// <summary>Scale floor for x = 0, so the search for a finite step ends after a few dozen tries.</summary>
    private const double MinimumScale = 1e-8;

    private static readonly double[] CentralFactor = Factors(2);
    private static readonly double[] OneSidedFactor = Factors(1);
    private static readonly double[] CentralAmplification = Amplifications(CentralFactor);
    private static readonly double[] OneSidedAmplification = Amplifications(OneSidedFactor);

    private readonly double[,] _central = new double[Capacity, Capacity];
    private readonly double[,] _plus = new double[Capacity, Capacity];
    private readonly double[,] _minus = new double[Capacity, Capacity];
    private readonly double[] _step = new double[Capacity];
    private readonly double[] _plusStep = new double[Capacity];
    private readonly double[] _minusStep = new double[Capacity];
    private readonly double[] _noise = new double[Capacity];
    private readonly CloseLook _look = new();

    public DerivativeEstimate Estimate(ILineProbe probe, double initialStep, double noiseUlps)
    {
        double x = probe.X, f0 = probe.F0, epsilon = probe.Epsilon;
        // A step of one ulp of x is still a step: the extrapolation works on the steps actually realised, and
        // stops when they no longer halve. The floor is relative to |x|, not max(|x|, 1): a float32 coordinate
        // 3e-6 from a log's domain edge needs steps of 1e-6.
        double minStep = PowerOfTwoAtLeast(epsilon * Math.Max(Math.Abs(x), MinimumScale));
        double h = PowerOfTwoAtMost(Math.Max(initialStep, Math.Abs(x) / 512));
        int evaluations = 0;

        // 1. A step at which f is finite on both sides: shrink fast towards a domain edge.
        double fp, fm, hp, hm;
        double trailingFinitePlus = 0, trailingFiniteMinus = 0;
        while (true)
        {
            fp = probe.Evaluate(h, out hp);
            fm = probe.Evaluate(-h, out hm);
            hm = -hm;
            evaluations += 2;
            bool plus = double.IsFinite(fp) && hp > 0, minus = double.IsFinite(fm) && hm > 0;
            if (plus && minus) break;
            trailingFinitePlus = plus ? (trailingFinitePlus == 0 ? h : trailingFinitePlus) : 0;
            trailingFiniteMinus = minus ? (trailingFiniteMinus == 0 ? h : trailingFiniteMinus) : 0;
            if (h <= minStep)
            {
                // f is not finite on both sides even a few ulps away: x sits on the edge of f's domain. Go one-sided
                // from a step near the smallest that worked, not the largest: the edge is closer than any larger step.
                int side = trailingFinitePlus > 0 ? 1 : trailingFiniteMinus > 0 ? -1 : 0;
                double start = Math.Min(side > 0 ? trailingFinitePlus : trailingFiniteMinus, 64 * h);
                return side == 0 ? NonFinite(h, evaluations) : OneSided(probe, side, start, noiseUlps, evaluations);
            }
            // The last try is the smallest step allowed, so a window of a few ulps next to the edge is not jumped over.
            h = Math.Max(h / GradientCheckDefaults.NonFiniteShrink, minStep);
        }

        // 2. Rows of halving steps until the extrapolation has converged, diverges, or rows run out.
        double fMax = Math.Max(Math.Abs(f0), Math.Max(Math.Abs(fp), Math.Abs(fm)));
        var central = new Best();
        var plusSide = new Best();
        var minusSide = new Best();
        int rows = 0, regimeStart = -1;
        for (int k = 0; k < Capacity; k++)
        {
            if (k > 0)
            {
                h /= Shrink;
                double nextPlus = probe.Evaluate(h, out double nextHp);
                double nextMinus = probe.Evaluate(-h, out double nextHm);
                evaluations += 2;
                nextHm = -nextHm;
                if (!double.IsFinite(nextPlus) || !double.IsFinite(nextMinus) || nextHp <= 0 || nextHm <= 0) break;
                // Below a few ulps of x the realised step stops halving (it rounds to the same or a coarser
                // multiple of the ulp): a row that does not shrink carries no new information about the limit.
                if (nextHp > 0.75 * hp || nextHm > 0.75 * hm) break;
                (fp, fm, hp, hm) = (nextPlus, nextMinus, nextHp, nextHm);
                fMax = Math.Max(fMax, Math.Max(Math.Abs(fp), Math.Abs(fm)));
            }

            _noise[k] = Math.Max(noiseUlps * epsilon * fMax, probe.Noise);
            _step[k] = 0.5 * (hp + hm);
            _plusStep[k] = hp;
            _minusStep[k] = hm;
            _central[k, 0] = (fp - fm) / (hp + hm);
            _plus[k, 0] = (fp - f0) / hp;
            _minus[k, 0] = (f0 - fm) / hm;
            for (int j = 1; j <= k; j++)
            {
                // Neville's form of Richardson extrapolation on the steps actually realised: for exact halving
                // it is the classic factor 4ʲ (central) or 2ʲ (one-sided); for steps rounded in float32 it stays exact.
                _central[k, j] = Extrapolate(_central, k, j, Square(_step[k - j]), Square(_step[k]));
                _plus[k, j] = Extrapolate(_plus, k, j, _plusStep[k - j], _plusStep[k]);
                _minus[k, j] = Extrapolate(_minus, k, j, _minusStep[k - j], _minusStep[k]);
            }
            rows = k + 1;

            if (regimeStart < 0)
            {
                if (k < RegimeRatios + 1 || !AsymptoticRun(k)) continue;
                regimeStart = k - RegimeRatios - 1;
                for (int r = regimeStart + 1; r < k; r++) Consider(r, regimeStart, central, plusSide, minusSide);
            }
            Consider(k, regimeStart, central, plusSide, minusSide);

            if (central.Table <= central.Rounding) break;                                   // at the rounding floor
            bool decent = central.Error <= 1e-3 * Math.Abs(central.Value) + central.Rounding;
            if (!decent) continue;
            int top = k - regimeStart;
            if (top >= 2 && Math.Abs(_central[k, top] - _central[k - 1, top - 1]) >= GradientCheckDefaults.DivergenceFactor * central.Error) break;
            if (rows >= GradientCheckDefaults.MaxRows) break;
        }

        // 3. Below the tableau. A tableau that converged is confirmed by one pair of evaluations at a quarter of its
        // smallest step; one that never settled, settled only after skipping rows, or whose one-sided limits disagree,
        // or that the smaller step contradicts, gets a close look: jumps, kinks at the point, and steps that crossed
        // switch points (dense ReLU kinks) are told apart there, and the estimate comes from the small steps instead.
        bool converged = regimeStart >= 0 && !double.IsNaN(central.Value);
        bool sidesDisagree = converged && double.IsFinite(plusSide.Value) && double.IsFinite(minusSide.Value)
                             && Math.Abs(plusSide.Value - minusSide.Value) > GradientCheckDefaults.KinkSafety * (plusSide.Error + minusSide.Error);
        int lastRow = rows - 1;
        double smallest = _step[lastRow];
        double Noise(double magnitude) => Math.Max(noiseUlps * epsilon * magnitude, probe.Noise);
        // The confirming pair sits a quarter below the tableau, or deeper when the tableau's error is far above its rounding:
        // at the step where rounding is a quarter of that error, truncation has all but vanished for a smooth f, and a
        // piecewise-linear f (dense ReLU switch points that every tableau step crossed) is differenced exactly there.
        // (Without a measured rounding or a positive error there is nothing to place it by: a quarter step, as always.)
        double quarter = smallest / CloseLook.Shrink, valueRounding = Noise(fMax);
        double confirmStep = converged && valueRounding > 0 && central.Error > 0 && 4 * valueRounding / central.Error < quarter
            ? Math.Max(4 * valueRounding / central.Error, Math.Min(64 * minStep, quarter))
            : quarter;
        bool deep = confirmStep < quarter;
        _look.Start(confirmStep * CloseLook.Shrink);
        evaluations += _look.Extend(probe, minStep, Noise, ref fMax, rows: 1);
        // A tableau that settled only after skipping its first rows is used when a smaller step confirms it (a pole or a
        // fast exponential within reach of the first step), but its evaluations are still worth repeating (Irregular).
        bool contradicted = converged && !Confirms(central, lastRow);
        bool irregular = !converged || sidesDisagree || contradicted;
        bool suspicious = irregular || regimeStart > 0;
        // A confirmed tableau that stopped without a decent error (rows ran out or the extrapolation diverged) and whose
        // error is far above what the smaller step's rounding allows can be bettered below it (a switch point crossed by
        // its last steps but not by the smaller ones). A decent tableau is left alone: smooth functions pay nothing.
        bool decentStop = central.Error <= 1e-3 * Math.Abs(central.Value) + central.Rounding;
        bool improvable = !irregular && !decentStop && _look.Rows.Count > 0
                          && central.Error > 4 * (_look.Rows[0].CentralRounding + Math.Abs(_central[lastRow, 0] - central.Value) * Square(_look.Rows[0].Step / smallest));
        if ((irregular || improvable) && deep)
        {
            // The close look reads every step below the tableau, from a quarter of its smallest down.
            _look.Start(smallest);
        }
        if (irregular || improvable) evaluations += _look.Extend(probe, minStep, Noise, ref fMax);

        if ((irregular || improvable) && _look.Jump() is { } jump)
            return new DerivativeEstimate
            {
                Value = double.NaN, ErrorEstimate = double.PositiveInfinity, Step = _look.Rows[^1].Step, Evaluations = evaluations,
                Jump = jump, Irregular = true,
            };
        if (irregular && _look.Kink() is var (left, right, slopeError))
        {
            return new DerivativeEstimate
            {
                Value = 0.5 * (left + right), ErrorEstimate = slopeError, RoundingError = Math.Min(slopeError, 2 * _look.Rows[^1].CentralRounding),
                Step = _look.Rows[^1].Step, Evaluations = evaluations, LeftDerivative = left, RightDerivative = right, Irregular = true,
            };
        }
        // f exactly 0 at every step: a loss quantised to 0 (float32 log(1 + e⁻ᵒ) with 1 + e⁻ᵒ rounding to 1) and a truly
        // flat one (a dead ReLU) look the same, and the quantum of the first is not visible in |f|: its rounding bound is 0,
        // and a saturated float32 log-loss was failed as "numeric 0 ± 2e-19" against its true derivative −9.4e-14. The
        // quantum is taken as that of values of size 1 (the 1 in 1 + e⁻ᵒ): a derivative below it is unresolved, an
        // analytic 0 matches, and a dead ReLU claimed to have slope 1 still fails.
        bool quantisedToZero = f0 == 0 && fMax == 0;
        double Quantum(double atStep) => quantisedToZero ? 2 * noiseUlps * epsilon / atStep : 0;
        DerivativeEstimate Tableau() => new()
        {
            Value = central.Value, ErrorEstimate = Math.Max(central.Error, Quantum(central.Step)), RoundingError = Math.Max(central.Rounding, Quantum(central.Step)),
            Step = central.Step, Evaluations = evaluations, Irregular = suspicious,
        };
        if (!irregular && !improvable) return Tableau();
        var (value, error, rounding, step) = SmallStepEstimate(lastRow, contradicted);
        if (!irregular && !(error < central.Error)) return Tableau();
        (error, rounding) = (Math.Max(error, Quantum(step)), Math.Max(rounding, Quantum(step)));
        return new DerivativeEstimate
        {
            Value = value, ErrorEstimate = error, RoundingError = rounding, Step = step, Evaluations = evaluations, Irregular = true,
        };
    }

    /// <summary>
    /// The confirming row (a quarter of the tableau's smallest step, or deeper where the tableau's error allows) agrees
    /// with the tableau's value: within twice the value's own error, the rounding of both and 4× the truncation the tableau
    /// implies there (for an h² error: a quarter of the smallest row's distance to the value at a quarter step). A deeper
    /// row is what exposes conv/ReLU layers in double: every tableau step (0.125 … 0.0156) crossed switch points and the
    /// rows still shrank at ratios 4.1 and 2.4, so the tableau converged to a value 0.8 % off with an error of 0.06 %
    /// (4 of 10 seeds false alarms on a 4-channel conv1d); at 1e-6 the same layer is differenced exactly. A tableau whose steps all crossed a switch point looks
    /// converged to the wrong value; a step below the switch point contradicts it. (A second row to settle distances that
    /// the first row's rounding could explain was tried: in float32 it contradicted correct tableaux by chance, 3 of 10
    /// softmax losses over 5,000 samples went inconclusive, and it did not rescue the float32 ReLU toy.)
    /// </summary>
    private bool Confirms(Best central, int lastRow)
    {
        if (_look.Rows.Count == 0) return true;     // no smaller step can be realised: nothing to contradict the tableau
        var row = _look.Rows[0];
        // 4× what an h² term leaves at the row's step: a quarter of the distance at a quarter step.
        double truncation = 4 * Math.Abs(_central[lastRow, 0] - central.Value) * Square(row.Step / _step[lastRow]);
        double allowed = 2 * central.Error + GradientCheckDefaults.RoundingSafety * (central.Rounding + row.CentralRounding) + truncation;
        return Math.Abs(row.Central - central.Value) <= allowed;
    }

    /// <summary>
    /// The estimate when the tableau cannot be trusted: over all central differences, tableau rows and close-look rows
    /// by decreasing step, the three consecutive ones that agree best. Agreement over a 4- to 16-fold range of steps is
    /// the evidence that none of them crossed a switch point and that truncation is small; the value is the one at the
    /// largest of the three steps (least rounding), its error their spread plus its rounding.
    /// </summary>
    private (double Value, double Error, double Rounding, double Step) SmallStepEstimate(int lastRow, bool contradicted)
    {
        // From the tableau's smallest step down only: larger steps can agree with each other by aliasing (sin(1000x)
        // sampled at 0.125, 0.0625, …) or by averaging over many switch points, and agree on the wrong value. When the
        // close look contradicted the tableau, its rows alone.
        var steps = new List<(double Step, double Central, double Rounding)>();
        if (!contradicted) steps.Add((_step[lastRow], _central[lastRow, 0], _noise[lastRow] / _step[lastRow]));
        foreach (var row in _look.Rows) steps.Add((row.Step, row.Central, row.CentralRounding));
        var best = (Value: steps[^1].Central, Error: double.PositiveInfinity, Rounding: steps[^1].Rounding, Step: steps[^1].Step);
        for (int i = 0; i + 2 < steps.Count; i++)
        {
            var (a, b, c) = (steps[i], steps[i + 1], steps[i + 2]);
            double spread = Math.Max(Math.Abs(a.Central - b.Central), Math.Max(Math.Abs(a.Central - c.Central), Math.Abs(b.Central - c.Central)));
            double error = spread + a.Rounding;
            if (error < best.Error && double.IsFinite(a.Central)) best = (a.Central, error, a.Rounding, a.Step);
        }
        if (double.IsPositiveInfinity(best.Error))
        {
            // Fewer than three rows: the largest step's difference, with the spread of what there is. A lone row (no smaller
            // step can be realised, as a few ulps from a float32 domain edge) takes its distance to the tableau row above it
            // as its truncation: a lone difference is not exact just because no smaller step exists. When the rows above it
            // shrink geometrically, their one Richardson step is the value, its distance to the lone difference the error.
            bool lone = steps.Count == 1 && !contradicted && lastRow > 0;
            if (lone && lastRow >= 2 && Asymptotic(lastRow))
                return (_central[lastRow, 1], Math.Abs(_central[lastRow, 1] - _central[lastRow, 0]) + steps[0].Rounding, steps[0].Rounding, steps[0].Step);
            double spread = steps.Count > 1 ? Math.Abs(steps[0].Central - steps[1].Central)
                : lone ? Math.Abs(_central[lastRow, 0] - _central[lastRow - 1, 0])
                : steps[0].Rounding;
            best = (steps[0].Central, spread + steps[0].Rounding, steps[0].Rounding, steps[0].Step);
        }
        return best;
    }

    /// <summary>
    /// Row k is in the asymptotic regime when the change of the central difference from row k−1 to k is at
    /// least <see cref="AsymptoticRatio"/> times smaller than the change before it, or both are at the rounding floor.
    /// </summary>
    private bool Asymptotic(int k) => Ratio(k) is { } ratio && (double.IsNaN(ratio) || ratio >= AsymptoticRatio);

    /// <summary>
    /// <see cref="RegimeRatios"/> consecutive rows in the asymptotic regime: all ratios show geometric convergence and agree with each
    /// other (in the regime successive ratios tend to the same 2ᵖ; garbage rows from a first step that is far too
    /// large for the function give ratios that pass one test by chance, rarely two that agree), or the rows sit
    /// at the rounding floor.
    /// </summary>
    private bool AsymptoticRun(int k)
    {
        for (int r = k - RegimeRatios + 1; r <= k; r++)
            if (!Asymptotic(r)) return false;
        for (int r = k - RegimeRatios + 2; r <= k; r++)
            if (!Agree(Ratio(r)!.Value, Ratio(r - 1)!.Value)) return false;
        return true;
    }

    private static bool Agree(double now, double before) =>
        double.IsNaN(now) || double.IsNaN(before) || double.IsInfinity(now) || double.IsInfinity(before)
        || Math.Max(now / before, before / now) <= RatioAgreement;

    /// <summary>
    /// How much smaller the change of the central difference from row k−1 to k is than the change before it;
    /// NaN when both changes are at the rounding floor (converged), +∞ when the last change is exactly 0.
    /// </summary>
    private double? Ratio(int k)
    {
        double before = _central[k - 1, 0] - _central[k - 2, 0];
        double now = _central[k, 0] - _central[k - 1, 0];
        double floor = NoiseAllowance * _noise[k] / _step[k];
        if (Math.Abs(now) <= floor && Math.Abs(before) <= 2 * floor) return double.NaN;
        if (now == 0) return double.PositiveInfinity;
        return before / now;
    }

    /// <summary>Offers the entries of row k that extrapolate only over rows from <paramref name="first"/> on.</summary>
    private void Consider(int k, int first, Best central, Best plus, Best minus)
    {
        double noise = _noise[k], step = _step[k];
        for (int j = 1; j <= k - first; j++)
        {
            central.Offer(_central[k, j], Table(_central, k, j), CentralAmplification[j] * noise / step, step);
            plus.Offer(_plus[k, j], Table(_plus, k, j), OneSidedAmplification[j] * 2 * noise / step, step);
            minus.Offer(_minus[k, j], Table(_minus, k, j), OneSidedAmplification[j] * 2 * noise / step, step);
        }
    }

    /// <summary>Numerical Recipes' error of a tableau entry: its distance to the two entries it was made from.</summary>
    private static double Table(double[,] t, int k, int j) =>
        Math.Max(Math.Abs(t[k, j] - t[k, j - 1]), Math.Abs(t[k, j] - t[k - 1, j - 1]));

    /// <summary>Richardson on one-sided differences (f(x ± h) − f(x)) / ±h, for points at the edge of f's domain.</summary>
    private DerivativeEstimate OneSided(ILineProbe probe, int side, double h, double noiseUlps, int evaluations)
    {
        double f0 = probe.F0, fMax = Math.Abs(f0);
        var best = new Best();
        int rows = 0;
        for (int k = 0; k < Capacity; k++, h /= Shrink)
        {
            double value = probe.Evaluate(side * h, out double actual);
            evaluations++;
            if (!double.IsFinite(value) || actual == 0) break;
            fMax = Math.Max(fMax, Math.Abs(value));
            double step = Math.Abs(actual);
            if (k > 0 && step > 0.75 * _plusStep[k - 1]) break;
            _plusStep[k] = step;
            _plus[k, 0] = (value - f0) / actual;
            rows = k + 1;
            double noise = Math.Max(noiseUlps * probe.Epsilon * fMax, probe.Noise);
            for (int j = 1; j <= k; j++)
            {
                _plus[k, j] = Extrapolate(_plus, k, j, _plusStep[k - j], _plusStep[k]);
                best.Offer(_plus[k, j], Table(_plus, k, j), OneSidedAmplification[j] * 2 * noise / step, step);
            }
            if (rows >= GradientCheckDefaults.MinRows && Math.Abs(_plus[k, k] - _plus[k - 1, k - 1]) >= GradientCheckDefaults.DivergenceFactor * best.Error) break;
            if (rows >= 2 * GradientCheckDefaults.MaxRows) break;
        }
        if (rows < 2) return NonFinite(h, evaluations);
        // No asymptotic-regime test guards a one-sided extrapolation from the edge of the domain, so its error is
        // at least its distance to the smallest-step difference: honest, and lenient where little can be known.
        double error = Math.Max(best.Error, Math.Abs(best.Value - _plus[rows - 1, 0]));
        return new DerivativeEstimate { Value = best.Value, ErrorEstimate = error, RoundingError = best.Rounding, Step = best.Step, Evaluations = evaluations, Side = side };
    }

    private static DerivativeEstimate NonFinite(double step, int evaluations) => new()
    {
        Value = double.NaN, ErrorEstimate = double.PositiveInfinity, Step = step, Evaluations = evaluations,
    };

    private static double Extrapolate(double[,] table, int k, int j, double factor) =>
        (table[k, j - 1] * factor - table[k - 1, j - 1]) / (factor - 1);

    /// <summary>Neville's step: extrapolates to t = 0 from the entries made at t = <paramref name="older"/> and t = <paramref name="newer"/>.</summary>
    private static double Extrapolate(double[,] table, int k, int j, double older, double newer) =>
        (table[k, j - 1] * older - table[k - 1, j - 1] * newer) / (older - newer);

    private static double Square(double value) => value * value;

    private static double[] Factors(int power)
    {
        var factors = new double[Capacity];
        for (int j = 1; j < Capacity; j++) factors[j] = Math.Pow(Shrink, power * j);
        return factors;
    }

    /// <summary>
    /// Noise of column j relative to row 0's noise at the same step: each column combines the current row
    /// (noise a/h) and the previous one (a/(2h)) with weights fac/(fac−1) and 1/(fac−1).
    /// </summary>
    private static double[] Amplifications(double[] factors)
    {
        var amplification = new double[Capacity];
        amplification[0] = 1;
        for (int j = 1; j < Capacity; j++)
            amplification[j] = amplification[j - 1] * (factors[j] + 1 / Shrink) / (factors[j] - 1);
        return amplification;
    }

    private static double PowerOfTwoAtMost(double value) => Math.Pow(2, Math.Floor(Math.Log2(value)));

    private static double PowerOfTwoAtLeast(double value) => Math.Pow(2, Math.Ceiling(Math.Log2(value)));

    /// <summary>The tableau entry with the smallest error so far; its error is the larger of tableau disagreement and rounding.</summary>
    private sealed class Best
    {
        public double Value = double.NaN;
        public double Error = double.PositiveInfinity;
        public double Table = double.PositiveInfinity;
        public double Rounding;
        public double Step;

        public void Offer(double value, double table, double rounding, double step)
        {
            double error = Math.Max(table, rounding);
            if (!(error < Error) || !double.IsFinite(value)) return;
            (Value, Error, Table, Rounding, Step) = (value, error, table, rounding, step);
        }
    }
}
