using System.Globalization;
using GradCheck.Internal;

namespace GradCheck.Jacobian;

/// <summary>
/// The contracts PyTorch's gradcheck enforces on backward functions, for a product p(w) = vᵀJ or Ju:
/// linear in the upstream vector (p(0) = 0 exactly, p(2w) = 2·p(w) up to rounding: scaling by 2 is exact in
/// floating point, so a linear implementation reproduces it to the last bit or nearly) and reentrant (two calls
/// with the same arguments give bit-identical results). A violation is a <see cref="ContractFailure"/> with a warning.
/// </summary>
internal static class BackwardContracts
{
    /// <summary>Ulps allowed in p(2w) − 2·p(w): a linear product is exact, a fused or reordered one a few ulps off.</summary>
    private const double ScalingUlps = 4;

    public static IReadOnlyList<ContractFailure> Linear(string product, string vector, Func<double[], double[]> call, double[] upstream, double tolerance, List<string> warnings)
    {
        var failures = new List<ContractFailure>();
        var zero = call(new double[upstream.Length]);
        int nonzero = ArgMaxAbs(zero);
        if (zero[nonzero] != 0 || !double.IsFinite(zero[nonzero]))
        {
            failures.Add(Failure($"{product}(x, 0) = 0", zero[nonzero], 0, 0));
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{product} is not linear in {vector}: {product}(x, 0) returned {zero[nonzero]:G6} at entry {nonzero} instead of 0. ")
                + $"A derivative product must be linear in the upstream vector; look for a term that does not multiply {vector} (a constant or bias added in backward).");
        }

        var once = call(upstream);
        var twice = call(upstream.Select(w => 2 * w).ToArray());
        var scalingError = once.Select((p, i) => Math.Abs(twice[i] - 2 * p)).ToArray();
        int worst = ArgMax(scalingError);
        // A declared nondeterministic product may be off by the tolerance on each of the two calls (3·tolerance in 2·p(w) and p(2w)).
        double allowed = (ScalingUlps * Math.Pow(2, -52) * 2 * Math.Abs(once.Length == 0 ? 0 : once[worst])) + (3 * tolerance);
        if (once.Length > 0 && !(scalingError[worst] <= allowed))
        {
            failures.Add(Failure($"{product}(x, 2{vector}) = 2·{product}(x, {vector})", twice[worst], 2 * once[worst], allowed));
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{product} is not linear in {vector}: doubling {vector} changed entry {worst} from {once[worst]:G6} to {twice[worst]:G6}, not to {2 * once[worst]:G6}. ")
                + $"A derivative product must scale with the upstream vector; look for {vector} used non-linearly (squared, normalised, or only its sign).");
        }

        var again = call(upstream);
        if (Reentrant($"{product}(x, {vector})", once, again, tolerance, warnings) is { } notReentrant) failures.Add(notReentrant);
        return failures;
    }

    /// <summary>
    /// Two calls with the same arguments must agree bit for bit, or within <paramref name="tolerance"/> (the user's
    /// <see cref="CheckOptions.NondeterminismTolerance"/> for a backward with atomics or parallel sums).
    /// The comparison is the one every checker shares (<see cref="ReentrancyCheck"/>); the failing entry is the
    /// largest change, under the contract's name.
    /// </summary>
    public static ContractFailure? Reentrant(string call, double[] first, double[] second, double tolerance, List<string> warnings)
    {
        var changed = ReentrancyCheck.Changed(first, second, tolerance)
            .Select(i => ReentrancyCheck.Entry(i, string.Create(CultureInfo.InvariantCulture, $"entry {i}"), first[i], second[i], tolerance)).ToArray();
        if (changed.Length == 0) return null;
        warnings.Add(ReentrancyCheck.Summary(call, changed, first.Length, tolerance));
        return ContractFailure.Of($"{call} reentrant", changed.MaxBy(e => e.AbsoluteError)!);
    }

    private static ContractFailure Failure(string contract, double observed, double expected, double tolerance)
    {
        double absolute = Math.Abs(observed - expected);
        double larger = Math.Max(Math.Abs(observed), Math.Abs(expected));
        return ContractFailure.Of(contract, new EntryResult
        {
            Index = -1,
            Name = contract,
            Analytic = observed,
            Numeric = expected,
            AbsoluteError = absolute,
            RelativeError = absolute == 0 || double.IsNaN(absolute) ? (double.IsNaN(absolute) ? double.NaN : 0) : absolute / larger,
            ErrorEstimate = 0,
            Tolerance = tolerance,
            Verdict = EntryVerdict.Mismatch,
        });
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
