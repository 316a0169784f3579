namespace GradCheck.Cli.Reports;

/// <summary>One entry, broken contract or failing direction in words, for the "diagnosis" lines of console and HTML reports.</summary>
internal static class Diagnosis
{
    public static string Describe(EntryResult e)
    {
        string n(double v) => Numbers.Format(v);
        return e.Verdict switch
        {
            EntryVerdict.NonFinite when !double.IsFinite(e.Analytic) =>
                $"{e.Label}: the analytic value is {n(e.Analytic)}: look for a division by zero or log of 0 in the backprop",
            EntryVerdict.NonFinite =>
                $"{e.Label}: no finite difference could be formed next to the point (f is not finite on either side)",
            EntryVerdict.NonDifferentiable =>
                $"{e.Label}: kink; analytic {n(e.Analytic)} is a valid subgradient between {n(Math.Min(e.LeftDerivative ?? 0, e.RightDerivative ?? 0))} and {n(Math.Max(e.LeftDerivative ?? 0, e.RightDerivative ?? 0))}",
            EntryVerdict.Mismatch when e.LeftDerivative is { } left && e.RightDerivative is { } right =>
                $"{e.Label}: at a kink, analytic {n(e.Analytic)} lies outside the one-sided derivatives [{n(Math.Min(left, right))}, {n(Math.Max(left, right))}]",
            EntryVerdict.Mismatch when Math.Sign(e.Analytic) == -Math.Sign(e.Numeric) && e.Analytic != 0 =>
                $"{e.Label}: wrong sign: analytic {n(e.Analytic)}, numeric {n(e.Numeric)} (±{n(e.ErrorEstimate)})",
            EntryVerdict.Mismatch when e.Numeric != 0 && Math.Abs(e.Analytic / e.Numeric - 1) > 1e-3 && IsRoundRatio(e.Analytic / e.Numeric) =>
                $"{e.Label}: analytic is {n(e.Analytic / e.Numeric)}× the numeric {n(e.Numeric)}: a missing or extra factor?",
            _ => $"{e.Label}: analytic {n(e.Analytic)}, numeric {n(e.Numeric)} ±{n(e.ErrorEstimate)}; |a−n| = {n(e.AbsoluteError)} > tolerance {n(e.Tolerance)}",
        };
    }

    /// <summary>A contract a derivative product broke, with what it gave and what the contract requires.</summary>
    public static string Describe(ContractFailure c)
    {
        string n(double v) => Numbers.Format(v);
        return c.Verdict == EntryVerdict.NotReentrant
            ? $"contract broken: {c.Contract}: the first call gave {n(c.Observed)}, the second {n(c.Required)}; |difference| = {n(c.Entry.AbsoluteError)} > tolerance {n(c.Tolerance)}"
            : $"contract broken: {c.Contract}: the product gave {n(c.Observed)} where the contract requires {n(c.Required)}; |difference| = {n(c.Entry.AbsoluteError)} > tolerance {n(c.Tolerance)}";
    }

    /// <summary>A random direction of fast mode that failed, or could not be resolved, with no entry located to blame.</summary>
    public static string Describe(DirectionFailure d)
    {
        string n(double v) => Numbers.Format(v);
        string values = $"analytic {n(d.Analytic)}, numeric {n(d.Numeric)} ±{n(d.Entry.ErrorEstimate)}";
        return d.Verdict switch
        {
            EntryVerdict.Inconclusive => $"random direction #{d.Direction}: {values}; tolerance {n(d.Tolerance)} too coarse to decide, and no entry was located",
            EntryVerdict.NonFinite => $"random direction #{d.Direction}: {values}; not finite, and no entry was located",
            _ => $"random direction #{d.Direction}: {values}; |a−n| = {n(d.Entry.AbsoluteError)} > tolerance {n(d.Tolerance)}, and no single entry was located to blame",
        };
    }

    // A ratio of 2, 0.5, 3… suggests a factor slip (a forgotten 0.5 or a doubled term) rather than a wrong formula.
    private static bool IsRoundRatio(double ratio) =>
        new[] { 2, 0.5, 3, 1 / 3.0, 4, 0.25, -1 }.Any(r => Math.Abs(ratio / r - 1) < 1e-4);
}
