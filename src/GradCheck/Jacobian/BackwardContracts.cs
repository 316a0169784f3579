using System.Globalization;

namespace GradCheck.Jacobian;

/// <summary>
/// The contracts PyTorch's gradcheck enforces on backward functions, for a product p(w) = vᵀJ or Ju:
/// linear in the upstream vector (p(0) = 0 exactly, p(2w) = 2·p(w) up to rounding: scaling by 2 is exact in
/// floating point, so a linear implementation reproduces it to the last bit or nearly) and reentrant (two calls
/// with the same arguments give bit-identical results). A violation is a failing entry with a message.
/// </summary>
internal static class BackwardContracts
{
    /// <summary>Ulps allowed in p(2w) − 2·p(w): a linear product is exact, a fused or reordered one a few ulps off.</summary>
    private const double ScalingUlps = 4;

    public static IReadOnlyList<EntryResult> Linear(string product, string vector, Func<double[], double[]> call, double[] upstream, List<string> warnings)
    {
        var failures = new List<EntryResult>();
        var zero = call(new double[upstream.Length]);
        int nonzero = ArgMaxAbs(zero);
        if (zero[nonzero] != 0 || !double.IsFinite(zero[nonzero]))
        {
            failures.Add(Failure($"contract: {product}(x, 0) = 0", zero[nonzero], 0, 0));
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{product} is not linear in {vector}: {product}(x, 0) returned {zero[nonzero]:G6} at entry {nonzero} instead of 0. ")
                + $"A derivative product must be linear in the upstream vector; look for a term that does not multiply {vector} (a constant or bias added in backward).");
        }

        var once = call(upstream);
        var twice = call(upstream.Select(w => 2 * w).ToArray());
        var scalingError = once.Select((p, i) => Math.Abs(twice[i] - 2 * p)).ToArray();
        int worst = ArgMax(scalingError);
        double allowed = ScalingUlps * Math.Pow(2, -52) * 2 * Math.Abs(once.Length == 0 ? 0 : once[worst]);
        if (once.Length > 0 && !(scalingError[worst] <= allowed))
        {
            failures.Add(Failure($"contract: {product}(x, 2{vector}) = 2·{product}(x, {vector})", twice[worst], 2 * once[worst], allowed));
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{product} is not linear in {vector}: doubling {vector} changed entry {worst} from {once[worst]:G6} to {twice[worst]:G6}, not to {2 * once[worst]:G6}. ")
                + $"A derivative product must scale with the upstream vector; look for {vector} used non-linearly (squared, normalised, or only its sign).");
        }

        var again = call(upstream);
        if (Reentrant($"{product}(x, {vector})", once, again, warnings) is { } notReentrant) failures.Add(notReentrant);
        return failures;
    }

    /// <summary>Two calls with the same arguments must agree bit for bit.</summary>
    public static EntryResult? Reentrant(string call, double[] first, double[] second, List<string> warnings)
    {
        int differing = 0, worst = -1;
        double worstDifference = -1;
        for (int i = 0; i < first.Length; i++)
        {
            if (first[i].Equals(second[i])) continue;
            differing++;
            double difference = Math.Abs(first[i] - second[i]);
            if (double.IsNaN(difference)) difference = double.PositiveInfinity;
            if (difference > worstDifference) (worst, worstDifference) = (i, difference);
        }
        if (differing == 0) return null;
        warnings.Add(string.Create(CultureInfo.InvariantCulture,
            $"{call} is not reentrant: a second call with the same arguments changed {differing} entries (largest change {worstDifference:G3} at entry {worst}). ")
            + "A derivative that depends on hidden state (accumulated buffers, randomness, caches not reset) cannot be trusted or checked.");
        return Failure($"contract: {call} reentrant", second[worst], first[worst], 0);
    }

    private static EntryResult Failure(string name, double observed, double expected, double tolerance)
    {
        double absolute = Math.Abs(observed - expected);
        double larger = Math.Max(Math.Abs(observed), Math.Abs(expected));
        return new EntryResult
        {
            Index = -1,
            Name = name,
            Analytic = observed,
            Numeric = expected,
            AbsoluteError = absolute,
            RelativeError = absolute == 0 || double.IsNaN(absolute) ? (double.IsNaN(absolute) ? double.NaN : 0) : absolute / larger,
            ErrorEstimate = 0,
            Tolerance = tolerance,
            Verdict = EntryVerdict.Mismatch,
        };
    }

    private static int ArgMaxAbs(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (!(Math.Abs(values[i]) <= Math.Abs(values[best]))) best = i;
        return values.Length == 0 ? 0 : best;
    }

    private static int ArgMax(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (!(values[i] <= values[best])) best = i;
        return best;
    }
}
