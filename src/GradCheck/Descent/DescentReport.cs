using System.Globalization;
using System.Text;
using GradCheck.Reporting;

namespace GradCheck;

/// <summary>
/// The outcome of a <see cref="DescentCheck"/>: the table of learning rates, loss changes and predicted changes,
/// and the verdict. Printing it gives the table.
/// </summary>
public sealed class DescentReport : ICheckReport
{
    internal DescentReport(string elementType, double functionValue, IReadOnlyList<DescentRow> rows, CheckOutcome outcome, bool lossDecreased,
        double limitRatio, double tolerance, int evaluations, string conclusion)
    {
        ElementType = elementType;
        FunctionValue = functionValue;
        Rows = rows;
        Outcome = outcome;
        LossDecreased = lossDecreased;
        LimitRatio = limitRatio;
        RatioTolerance = tolerance;
        FunctionEvaluations = evaluations;
        Conclusion = conclusion;
    }

    /// <summary>
    /// Passed when the loss decreases at small steps and the change matches −η·|g|² to first order; Failed when it
    /// does not; Inconclusive when too few steps changed the loss above its rounding (or g = 0) to tell.
    /// </summary>
    public CheckOutcome Outcome { get; }

    /// <summary>True iff <see cref="Outcome"/> is <see cref="CheckOutcome.Passed"/>.</summary>
    public bool Passed => Outcome == CheckOutcome.Passed;

    /// <summary>True when the options accepted an inconclusive check (<see cref="CheckOptions.AcceptInconclusive"/>).</summary>
    public bool AcceptsInconclusive { get; internal set; }

    /// <summary>
    /// The classic loss-decrease criterion alone: the loss went down at the smallest resolved steps. Many wrong gradients
    /// satisfy it (any g with ∇f·g &gt; 0), so it does not decide <see cref="Passed"/> alone.
    /// </summary>
    public bool LossDecreased { get; }

    /// <summary>The ratio actual/predicted change extrapolated to η → 0: 1 for a correct gradient, ∇f·g/|g|² in general (NaN when inconclusive).</summary>
    public double LimitRatio { get; }

    /// <summary>The largest |<see cref="LimitRatio"/> − 1| that passes: the extrapolation's own error estimate times the safety, plus rounding.</summary>
    public double RatioTolerance { get; }

    /// <summary>One row per learning rate, largest first.</summary>
    public IReadOnlyList<DescentRow> Rows { get; }

    /// <summary>The verdict in words.</summary>
    public string Conclusion { get; }

    /// <summary>Calls of the function (the determinism check included).</summary>
    public int FunctionEvaluations { get; }

    /// <summary>"double" or "float".</summary>
    public string ElementType { get; }

    /// <summary>f at the point.</summary>
    public double FunctionValue { get; }

    /// <summary>The check in words.</summary>
    public string Method => "loss-decrease check: the loss change after a step −η·g must match −η·|g|² to first order as η halves";

    /// <summary>Always null: the learning rates are a fixed sequence, and the direction is the gradient itself.</summary>
    public int? Seed => null;

    /// <summary>None: everything the check found is in <see cref="Conclusion"/>.</summary>
    public IReadOnlyList<string> Warnings { get; } = [];

    /// <summary>The message a failure is thrown with: the verdict and the table of loss changes.</summary>
    public string FailureMessage() => ToString();

    /// <summary>
    /// Throws <see cref="DescentCheckFailedException"/> when the check failed, and <see cref="InconclusiveCheckException"/>
    /// when it was inconclusive (unless the options accepted that).
    /// </summary>
    public void ThrowIfFailed()
    {
        switch (Outcome)
        {
            case CheckOutcome.Failed: throw new DescentCheckFailedException(this);
            case CheckOutcome.Inconclusive when !AcceptsInconclusive:
                throw new InconclusiveCheckException(ToString() + Environment.NewLine
                    + "What to do: raise InitialStepSize or FunctionNoiseUlps, check with GradientCheck.RunExact, or accept it knowingly with DescentCheckOptions.AcceptInconclusive.");
        }
    }

    /// <summary>The one-line verdict.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"Descent check {ReportText.Verdict(Outcome)}: {Conclusion} ({FunctionEvaluations} evaluations) [{ElementType}]");

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(Summary);
        string[] header = ["η", "loss change", "predicted −η|g|²", "actual/predicted"];
        var cells = Rows.Select(r => new[]
        {
            ReportText.Num(r.StepSize), ReportText.Num(r.LossChange), ReportText.Num(r.PredictedChange),
            double.IsFinite(r.Ratio) ? r.Ratio.ToString("0.#########", CultureInfo.InvariantCulture) : ReportText.Num(r.Ratio),
        }).ToList();
        text.Append(TextTable.Render(header, cells));
        return text.ToString().TrimEnd();
    }
}

/// <summary>Thrown by <see cref="DescentReport.ThrowIfFailed"/>.</summary>
public sealed class DescentCheckFailedException : GradientCheckException
{
    /// <summary>Creates the exception for a failed report.</summary>
    public DescentCheckFailedException(DescentReport report) : base(report.ToString()) => Report = report;

    /// <summary>The failed report.</summary>
    public DescentReport Report { get; }
}
