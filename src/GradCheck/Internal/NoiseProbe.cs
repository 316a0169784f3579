using System.Numerics;

namespace GradCheck.Internal;

/// <summary>
/// Measures the rounding noise of f at the point, once per check. A loss summed over thousands of samples in
/// float32 is noisy far beyond a few ulps of its value; assuming a fixed number of ulps then either raises false
/// alarms (too few) or hides bugs (too many). The second difference f(x+τd) − 2f(x) + f(x−τd) along a random
/// sign vector d, at a step τ so small that the curvature term τ²·dᵀHd is far below rounding, is noise alone.
/// </summary>
internal static class NoiseProbe
{
    /// <summary>Directions probed: the largest of a few samples is a stable, slightly conservative estimate.</summary>
    public const int Directions = 4;

    /// <summary>
    /// One value's noise bound per largest second difference. The second difference of three values with noise σ each has
    /// spread √6·σ ≈ 2.5σ, and the largest of four such samples is about 3.7σ (but can be under 2σ): 2.5·largest bounds one
    /// value's noise rather than giving its typical size. Measured trade-off on float32 softmax losses: 2 gave false alarms
    /// at 20,000 samples, 3 let 5 % bugs in small entries through at 500 samples. The verdict needs a bound, or one unlucky
    /// row of the extrapolation raises a false alarm (measured on float32 losses summed over 5,000–20,000 samples).
    /// </summary>
    public const double BoundFactor = 2.5;

    /// <summary>
    /// The absolute noise of one value of f, or 0 when it could not be measured. The point is restored
    /// bit-exactly from <paramref name="snapshot"/>.
    /// </summary>
    public static double Measure<T>(Func<T[], T> function, T[] point, T[] snapshot, double f0, int seed, double tolerance, EvaluationCounter counter)
        where T : IFloatingPointIeee754<T>
    {
        double epsilon = double.CreateChecked(CoordinateProbe<T>.MachineEpsilon());
        // √ε/4: inputs move by thousands of ulps, so their rounding is unrelated, while τ² = ε/16 keeps the
        // curvature term τ²·dᵀHd near one ulp of f for Hessians of moderate trace.
        double tau = Math.Sqrt(epsilon) / 4;
        var random = new Random(seed);
        var signs = new RademacherSigns[Directions];
        var values = new (double Plus, double Minus)[Directions];
        double largest = 0, fMax = Math.Abs(f0);
        try
        {
            for (int direction = 0; direction < Directions; direction++)
            {
                signs[direction] = RademacherSigns.Draw(random, point.Length);
                double plus = EvaluateShifted(function, point, snapshot, signs[direction], tau, counter);
                double minus = EvaluateShifted(function, point, snapshot, signs[direction], -tau, counter);
                values[direction] = (plus, minus);
                double second = plus - 2 * f0 + minus;
                if (double.IsFinite(second)) largest = Math.Max(largest, Math.Abs(second));
                if (double.IsFinite(plus) && double.IsFinite(minus)) fMax = Math.Max(fMax, Math.Max(Math.Abs(plus), Math.Abs(minus)));
            }
            // Second differences above a few ulps may be curvature rather than rounding: a closer look that shrinks them
            // well below half shows curvature (pure curvature shrinks 16×, rounding keeps its size).
            if (largest > GradientCheckDefaults.CloserNoiseLookUlps * epsilon * fMax)
            {
                double closer = Closer(function, point, snapshot, signs, tau / CloserStep, f0, counter);
                if (closer < largest / 2) largest = closer;
            }
            // Noise far beyond rounding is believed only if the same points give the same values again.
            if (largest > GradientCheckDefaults.SuspiciousNoiseUlps * epsilon * fMax)
            {
                for (int direction = 0; direction < Directions; direction++)
                {
                    Repeat(EvaluateShifted(function, point, snapshot, signs[direction], tau, counter), values[direction].Plus, tolerance);
                    Repeat(EvaluateShifted(function, point, snapshot, signs[direction], -tau, counter), values[direction].Minus, tolerance);
                }
                largest = Math.Min(largest, Systematic(values, f0));
            }
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
        return BoundFactor * largest;
    }

    /// <summary>
    /// Second differences that are all the same are no noise: a jump or a kink at the point gives every direction the
    /// same value (one side of the step includes the jump, the other does not). Their spread is the noise then, and the
    /// jump is left for the per-entry estimates to find and name; otherwise +∞ (keep the measured magnitude).
    /// </summary>
    private static double Systematic((double Plus, double Minus)[] values, double f0)
    {
        var seconds = values.Select(v => v.Plus - 2 * f0 + v.Minus).ToArray();
        double spread = seconds.Max() - seconds.Min(), magnitude = seconds.Max(Math.Abs);
        return spread <= SystematicSpread * magnitude ? spread : double.PositiveInfinity;
    }

    /// <summary>
    /// The largest second difference at a step <see cref="CloserStep"/>× smaller: rounding keeps its size there, curvature
    /// shrinks 16×. τ is relative to |x|, so at large coordinates (a float32 log-sum-exp at x ≈ 1000: τ·|x| ≈ 0.09) the
    /// curvature term τ²·dᵀHd passes for noise 240× above rounding, and every tolerance inherits it.
    /// </summary>
    private static double Closer<T>(Func<T[], T> function, T[] point, T[] snapshot, RademacherSigns[] signs, double tau, double f0, EvaluationCounter counter)
        where T : IFloatingPointIeee754<T>
    {
        double largest = 0;
        foreach (var direction in signs)
        {
            double second = EvaluateShifted(function, point, snapshot, direction, tau, counter) - 2 * f0
                            + EvaluateShifted(function, point, snapshot, direction, -tau, counter);
            if (!double.IsFinite(second)) return double.PositiveInfinity;
            largest = Math.Max(largest, Math.Abs(second));
        }
        return largest;
    }

    /// <summary>How much closer the second look at suspicious noise steps: 4× (√ε/16, still hundreds of ulps of each input).</summary>
    private const double CloserStep = 4;

    /// <summary>Second differences this close to each other (relative) come from f's shape, not from rounding, which varies by direction.</summary>
    private const double SystematicSpread = 0.01;

    private static void Repeat(double again, double first, double tolerance)
    {
        if (!DeterminismCheck.Same(first, again, tolerance))
            throw new NonDeterministicFunctionException("The function gave two different values at the same point next to the one checked (while its rounding noise was measured): "
                                                        + DeterminismCheck.Message(first, again, tolerance));
    }

    private static double EvaluateShifted<T>(Func<T[], T> function, T[] point, T[] snapshot, RademacherSigns signs, double tau, EvaluationCounter counter)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < point.Length; i++)
        {
            double x = double.CreateChecked(snapshot[i]);
            // Relative to |x| (1 at x = 0): stays inside a domain edge as close as the coordinate itself.
            point[i] = T.CreateChecked(x + tau * signs[i] * (x != 0 ? Math.Abs(x) : 1.0));
        }
        try
        {
            return double.CreateChecked(function(point));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FunctionEvaluationException($"The function threw {e.GetType().Name} when evaluated next to the point (to measure its rounding noise): {e.Message}", e, null);
        }
        finally
        {
            snapshot.CopyTo(point, 0);
            counter.Count++;
        }
    }
}
