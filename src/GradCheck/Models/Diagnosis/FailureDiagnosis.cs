using System.Globalization;
using GradCheck.Reporting;

namespace GradCheck.Models.Diagnosis;

/// <summary>
/// Names the likely bug of a failing tensor from the numbers alone. The patterns are tried from the most to the
/// least specific, and each must explain every checked entry (not just most), so a diagnosis is a strong hint,
/// never a guess: zero gradient (missing path), sign flip, constant factor, transposed layout, a term proportional
/// to the weights (weight decay), only some entries wrong.
/// </summary>
internal static class FailureDiagnosis
{
    private const int NamesListed = 4;

    public static TensorDiagnosis Diagnose(IReadOnlyList<EntryResult> entries, IReadOnlyList<int> shape, double[] weights)
    {
        // A gradient that changes between calls has no single value to fit a pattern to: that is the bug to fix first.
        var notReentrant = entries.Where(e => e.Verdict == EntryVerdict.NotReentrant).ToArray();
        if (notReentrant.Length > 0) return NotReentrant(notReentrant);
        // Kink entries compare with a clamped one-sided value and non-finite ones with nothing: neither says anything about a pattern.
        var points = entries
            .Where(e => e.Verdict is EntryVerdict.Ok or EntryVerdict.Mismatch && double.IsFinite(e.Analytic) && double.IsFinite(e.Numeric))
            .Select(e => new DiagnosisPoint(e.Index, e.Label, e.Analytic, e.Numeric, weights[e.Index], e.Tolerance, e.IsFailure))
            .ToArray();
        var failed = points.Where(p => p.Failed).ToArray();
        if (failed.Length == 0)
            return new TensorDiagnosis(FailurePattern.Unrecognized, null,
                "non-finite values: the analytic gradient is NaN or infinite, or the loss is not finite next to the point");

        if (failed.All(p => p.Analytic == 0))
            return MissingPath(points, failed);
        // A pattern is named only from entries well outside their tolerances: entries that missed by a little fit a
        // "constant factor 0.999999" or a tiny "weight decay" as well as they fit noise (seen on correct float32 layers).
        double margin = failed.Max(p => Math.Abs(p.Analytic - p.Numeric) / p.Tolerance);
        if (margin < PatternMargin)
            return Marginal(failed, margin);
        if (LinearFit.Factor(points) is { } factor)
            return FactorText.IsMinusOne(factor)
                ? new TensorDiagnosis(FailurePattern.SignFlipped, factor, "sign flipped: analytic ≈ −numeric in every checked entry")
                : new TensorDiagnosis(FailurePattern.ConstantFactor, factor, FactorText.Describe(factor));
        if (TransposeMatch.Match(points, shape) is { } decay)
            return new TensorDiagnosis(FailurePattern.Transposed, null,
                $"transposed: analytic ≈ numericᵀ (the gradient of each {shape[^2]}×{shape[^1]} block is written in the transposed layout; check the loop order or an outer product's argument order)"
                + (decay != 0 ? $"; a term {ReportText.Num(decay)} × weight (weight decay) is in the right layout" : ""));
        if (LinearFit.WeightTerm(points) is { } lambda)
            return new TensorDiagnosis(FailurePattern.ProportionalToWeights, lambda, WeightTermText(lambda));
        if (LinearFit.FactorAndWeightTerm(points) is var (c, d))
            return new TensorDiagnosis(FailurePattern.ConstantFactor, c,
                $"apart from a term {ReportText.Num(d)} × weight (weight decay added separately), {FactorText.Describe(c)}");
        if (failed.Length < points.Length)
            return SomeEntries(points, failed, shape);
        return new TensorDiagnosis(FailurePattern.Unrecognized, null,
            "every checked entry is wrong, with no simple pattern (not a sign, a constant factor, a transpose or a weight-decay term)"
            + (shape.Count >= 2 && points.Length < ProductOf(shape) ? "; check all entries (no SampleSize) to test for a transpose" : ""));
    }

    /// <summary>Which entries a second Backward() changed; "doubled" when every one came back as twice the first (an undamped +=).</summary>
    private static TensorDiagnosis NotReentrant(EntryResult[] changed)
    {
        bool doubled = changed.All(e => e.Analytic != 0 && Math.Abs(e.Numeric - (2 * e.Analytic)) <= 1e-9 * Math.Abs(e.Analytic));
        string names = string.Join(", ", changed.Take(NamesListed).Select(e => e.Label)) + (changed.Length > NamesListed ? $", … {changed.Length - NamesListed} more" : "");
        return new TensorDiagnosis(FailurePattern.NotReentrant, null, string.Create(CultureInfo.InvariantCulture,
            $"not reentrant: a second Backward() at the same point changed {changed.Length} checked entries ({names})")
            + (doubled ? "; each came back doubled, so Backward() adds (+=) into a gradient buffer it never zeroes"
                + " (zero it in training before each backward pass; GradientCheckOptions.ZeroGradientsBeforeBackward or IZeroGradients makes the check do the same)" : "; does Backward() accumulate into buffers it never zeroes, or draw random numbers?"));
    }

    /// <summary>Failing entries must miss their tolerance by this factor (at least one of them) before a pattern is fitted.</summary>
    private const double PatternMargin = 4.0;

    private static TensorDiagnosis Marginal(DiagnosisPoint[] failed, double margin)
    {
        var worst = failed.MaxBy(p => Math.Abs(p.Analytic - p.Numeric) / p.Tolerance);
        return new TensorDiagnosis(FailurePattern.Marginal, null, string.Create(CultureInfo.InvariantCulture,
            $"{failed.Length} entries outside their tolerance by at most {margin:0.0}× (worst {worst.Label}: analytic {ReportText.Num(worst.Analytic)}, numeric {ReportText.Num(worst.Numeric)}, tolerance {ReportText.Num(worst.Tolerance)}); ")
            + "too close to the tolerance to name a pattern. Numerical causes are possible at this margin (switch points of ReLU or max-pool near the point, float32 rounding): check again in double or with GradientCheck.RunExact before hunting a bug.");
    }

    private static TensorDiagnosis MissingPath(DiagnosisPoint[] points, DiagnosisPoint[] failed)
    {
        double largest = failed.Max(p => Math.Abs(p.Numeric));
        string where = failed.Length == points.Length
            ? $"the analytic gradient is zero in all {points.Length} checked entries"
            : $"the analytic gradient is zero in {failed.Length} of {points.Length} checked entries ({Names(failed)})";
        return new TensorDiagnosis(FailurePattern.MissingPath, null,
            $"missing path: {where}, but the loss depends on them (numeric up to {ReportText.Num(largest)}); is this gradient never computed, or written to another buffer?");
    }

    private static string WeightTermText(double lambda) => lambda < 0
        ? $"proportional to the weights: analytic − numeric ≈ {ReportText.Num(lambda)} × weight; a weight-decay term {ReportText.Num(-lambda)}·w is missing from the gradient (or its coefficient is too small by {ReportText.Num(-lambda)})"
        : $"proportional to the weights: analytic − numeric ≈ {ReportText.Num(lambda)} × weight; the gradient has an extra {ReportText.Num(lambda)}·w (weight decay in the gradient but not in the loss, or its coefficient too large)";

    private static TensorDiagnosis SomeEntries(DiagnosisPoint[] points, DiagnosisPoint[] failed, IReadOnlyList<int> shape)
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"only some entries wrong: {failed.Length} of {points.Length} checked entries ({Names(failed)}); the others agree");
        if (shape.Count >= 2)
        {
            int columns = shape[^1], rows = shape[^2];
            var rowsHit = failed.Select(p => p.Index / columns % rows).Distinct().ToArray();
            var columnsHit = failed.Select(p => p.Index % columns).Distinct().ToArray();
            if (rowsHit.Length == 1 && failed.Length > 1)
                text += string.Create(CultureInfo.InvariantCulture, $"; all in row {rowsHit[0]} (one output unit's backward step?)");
            else if (columnsHit.Length == 1 && failed.Length > 1)
                text += string.Create(CultureInfo.InvariantCulture, $"; all in column {columnsHit[0]} (one input's backward step?)");
        }
        return new TensorDiagnosis(FailurePattern.SomeEntriesWrong, null, text);
    }

    private static string Names(IReadOnlyList<DiagnosisPoint> points) =>
        string.Join(", ", points.Take(NamesListed).Select(p => p.Label)) + (points.Count > NamesListed ? $", … {points.Count - NamesListed} more" : "");

    private static int ProductOf(IReadOnlyList<int> shape) => shape.Aggregate(1, (a, b) => a * b);
}
