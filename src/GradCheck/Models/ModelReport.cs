using GradCheck.Models;
using GradCheck.Reporting;

namespace GradCheck;

/// <summary>
/// The outcome of <see cref="ModelCheck.Run{T}"/>: one <see cref="ParameterReport"/> per checked tensor, the flat
/// details over all checked entries, the cost and warnings. Printing it gives a table per tensor, then the worst entries.
/// </summary>
public sealed class ModelReport : ICheckReport
{
    internal ModelReport(IReadOnlyList<ParameterReport> parameters, IReadOnlyList<string> modelWarnings, int functionEvaluations, int dimension, double loss)
    {
        Parameters = parameters;
        FunctionEvaluations = functionEvaluations;
        Warnings = modelWarnings.Concat(parameters.SelectMany(p => p.Report.Warnings.Select(w => $"{p.Name}: {w}"))).ToArray();
        var entries = parameters.SelectMany(p => p.Report.Entries.Select(e => e with { Index = p.Offset + e.Index })).ToArray();
        var first = parameters[0].Report;
        Details = GradientReport.Combine(parameters.Select(p => p.Report).ToArray(), entries, Warnings, functionEvaluations, dimension, first.Method, first.Seed, loss);
    }

    /// <summary>
    /// Failed when any tensor failed; otherwise Inconclusive when some tensor had entries the numerics could not
    /// resolve (a wrong gradient would have gone unnoticed there); otherwise Passed.
    /// </summary>
    public CheckOutcome Outcome => CheckOutcomes.Worst(Parameters.Select(p => p.Outcome));

    /// <summary>True iff <see cref="Outcome"/> is <see cref="CheckOutcome.Passed"/>: every checked tensor was resolved and agrees.</summary>
    public bool Passed => Outcome == CheckOutcome.Passed;

    /// <summary>True when the options accepted inconclusive entries (<see cref="CheckOptions.AcceptInconclusive"/>).</summary>
    public bool AcceptsInconclusive => Details.AcceptsInconclusive;

    /// <summary>One report per checked tensor, in the model's order.</summary>
    public IReadOnlyList<ParameterReport> Parameters { get; }

    /// <summary>
    /// The flat details: every checked entry of every tensor in one report, with <see cref="EntryResult.Index"/>
    /// a flat index into the parameters concatenated in order and <see cref="EntryResult.Name"/> the tensor and multi-index.
    /// </summary>
    public GradientReport Details { get; }

    /// <summary>The tensors that failed (inconclusive ones are not failures: see <see cref="Outcome"/>).</summary>
    public IReadOnlyList<ParameterReport> Failures => Parameters.Where(p => p.Outcome == CheckOutcome.Failed).ToArray();

    /// <summary>Calls of <see cref="IDifferentiableModel{T}.Loss"/> the check made: one for the analytic gradient, plus each tensor's evaluations.</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Number of parameters of the model (all tensors, checked or not).</summary>
    public int Dimension => Details.Dimension;

    /// <summary>Number of entries checked, over all tensors.</summary>
    public int EntriesChecked => Details.Entries.Count;

    /// <summary>The largest relative error among all checked entries.</summary>
    public double WorstRelativeError => Details.WorstRelativeError;

    /// <summary>Model-level warnings (e.g. a non-reentrant Backward) and each tensor's warnings, prefixed with its name.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Throws <see cref="ModelCheckFailedException"/> when a tensor failed, and <see cref="InconclusiveCheckException"/>
    /// when the check was inconclusive (unless the options accepted that); does nothing when it passed.
    /// </summary>
    public void ThrowIfFailed()
    {
        switch (Outcome)
        {
            case CheckOutcome.Failed: throw new ModelCheckFailedException(this);
            case CheckOutcome.Inconclusive when !AcceptsInconclusive: throw new InconclusiveCheckException(ReportText.InconclusiveMessage(Details));
        }
    }

    /// <summary>The failure message: each failing tensor with its diagnosis, then the wrong entries by tensor and multi-index.</summary>
    public string FailureMessage() => ModelReportText.FailureMessage(this);

    /// <summary>The finite-difference method and tolerance rule of the tensors' checks.</summary>
    public string Method => Details.Method;

    /// <summary>The seed of sampled entries or random directions, or null when nothing random was drawn.</summary>
    public int? Seed => Details.Seed;

    /// <summary>A one-line summary: verdict, tensors and entries, cost, worst entry.</summary>
    public string Summary => ModelReportText.Summary(this);

    /// <inheritdoc />
    public override string ToString() => ModelReportText.Table(this);
}
