using System.Globalization;
using System.Text;
using GradCheck.Reporting;

namespace GradCheck;

/// <summary>
/// The outcome of a <see cref="DescentCheck"/>: the table of learning rates, loss changes and predicted changes,
/// and the verdict. Printing it gives the table.
/// </summary>
public sealed class DescentReport
{
    internal DescentReport(string elementType, double functionValue, IReadOnlyList<DescentRow> rows, bool passed, bool lossDecreased,
        double limitRatio, double tolerance, int evaluations, string conclusion)
    {
        ElementType = elementType;
        FunctionValue = functionValue;
        Rows = rows;
        Passed = passed;
        LossDecreased = lossDecreased;
        LimitRatio = limitRatio;
        RatioTolerance = tolerance;
        FunctionEvaluations = evaluations;
        Conclusion = conclusion;
    }

    /// <summary>True when the loss decreases at small steps and the change matches −η·|g|² to first order.</summary>
    public bool Passed { get; }

    /// <summary>
    /// The seed's criterion alone: the loss went down at the smallest resolved steps. Many wrong gradients
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

    /// <summary>Throws <see cref="DescentCheckFailedException"/> when the check failed.</summary>
    public void ThrowIfFailed()
    {
        if (!Passed) throw new DescentCheckFailedException(this);
    }

    /// <summary>The one-line verdict.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"Descent check {(Passed ? "PASSED" : "FAILED")}: {Conclusion} ({FunctionEvaluations} evaluations) [{ElementType}]");

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
