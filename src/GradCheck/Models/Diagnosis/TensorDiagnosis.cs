namespace GradCheck.Models.Diagnosis;

/// <summary>A failing tensor's recognized pattern, its number (factor or coefficient) and the sentence reports print.</summary>
internal sealed record TensorDiagnosis(FailurePattern Pattern, double? Coefficient, string Text);

/// <summary>One checked entry as the diagnosis sees it: flat index in the tensor, both values, the weight, and how much slack a match gets.</summary>
internal readonly record struct DiagnosisPoint(int Index, string Label, double Analytic, double Numeric, double Weight, double Tolerance, bool Failed)
{
    /// <summary>
    /// How far a predicted analytic value may be from the actual one and still count as a match: the entry's own
    /// tolerance (scaled with the prediction), plus a relative 1e-6 for the fitted coefficient's own error.
    /// </summary>
    public double Slack(double scale, double predicted) =>
        4 * Tolerance * Math.Max(1, Math.Abs(scale)) + 1e-6 * Math.Max(Math.Abs(Analytic), Math.Abs(predicted));
}
