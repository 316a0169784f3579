namespace GradCheck.FiniteDifferences;

/// <summary>
/// Applies a fixed scheme with a fixed step: exactly the scheme's evaluations, no more. Its error estimate is
/// the rounding bound plus, where the grid allows, the difference to the next lower-order scheme built from
/// the same values (f(x) included): a conservative stand-in for the truncation error, which a single step
/// cannot measure.
/// </summary>
internal static class FixedSchemeEstimator
{
    public static DerivativeEstimate Estimate(FiniteDifferenceScheme scheme, ILineProbe probe, double step, double noiseUlps)
    {
        if (!(step > 0) || !double.IsFinite(step))
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be a finite number > 0.");
        var grid = scheme.Grid;
        var values = new Dictionary<int, double> { [0] = probe.F0 };
        int evaluations = 0;
        double sum = 0, absCoefficients = 0, fMax = Math.Abs(probe.F0);
        for (int k = 0; k < grid.Count; k++)
        {
            double c = scheme.Coefficients[k];
            if (c == 0) continue;
            double value = ValueAt(grid[k]);
            sum += c * value;
            absCoefficients += Math.Abs(c);
            fMax = Math.Max(fMax, Math.Abs(value));
        }
        double derivative = sum / step;
        double rounding = Math.Max(noiseUlps * probe.Epsilon * fMax, probe.Noise) * absCoefficients / step;
        double truncation = 0;
        if (scheme.LowerOrder is { } sub)
        {
            double subSum = 0;
            for (int k = 0; k < sub.Grid.Count; k++)
                if (sub.Coefficients[k] != 0) subSum += sub.Coefficients[k] * ValueAt(sub.Grid[k]);
            truncation = Math.Abs(derivative - subSum / step);
        }
        bool finite = double.IsFinite(derivative);
        return new DerivativeEstimate
        {
            Value = finite ? derivative : double.NaN,
            ErrorEstimate = finite ? rounding + truncation : double.PositiveInfinity,
            RoundingError = finite ? rounding : double.PositiveInfinity,
            Step = step,
            Evaluations = evaluations,
        };

        double ValueAt(int offset)
        {
            if (values.TryGetValue(offset, out double known)) return known;
            double value = probe.Evaluate(offset * step, out _);
            evaluations++;
            values[offset] = value;
            return value;
        }
    }

    /// <summary>The grid with f(x) added and its point farthest from 0 removed; null when fewer than 2 points remain.</summary>
    internal static int[]? LowerOrderGrid(IReadOnlyList<int> grid)
    {
        var points = grid.Append(0).Distinct().ToList();
        int farthest = points.OrderByDescending(Math.Abs).ThenByDescending(g => g).First();
        points.Remove(farthest);
        return points.Count >= 2 ? points.ToArray() : null;
    }
}
