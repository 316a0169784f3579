using System.Globalization;
using System.Text;
using GradCheck.Reporting;
using GradCheck.Taylor;

namespace GradCheck;

/// <summary>
/// The outcome of a <see cref="TaylorTest"/>: the remainders at each step, the observed orders and the verdict.
/// Printing it gives the table.
/// </summary>
public sealed class TaylorReport : ICheckReport
{
    internal TaylorReport(TaylorSetup setup, IReadOnlyList<TaylorRow> rows, IReadOnlyList<double> orders, CheckOutcome outcome, double order, string conclusion, int evaluations)
    {
        Rows = rows;
        ObservedOrders = orders;
        Outcome = outcome;
        ConvergenceOrder = order;
        Conclusion = conclusion;
        FunctionEvaluations = evaluations;
        ElementType = setup.ElementType;
        FunctionValue = setup.FunctionValue;
        Direction = setup.Direction;
        DirectionalDerivative = setup.DirectionalDerivative;
        RequiredOrder = setup.RequiredOrder;
        Seed = setup.Seed;
    }

    /// <summary>True when the remainder converges at the required order (2 for a correct gradient), or f is linear along d and g·d matches.</summary>
    public bool Passed => Outcome == CheckOutcome.Passed;

    /// <summary>
    /// Passed or Failed from the observed orders; Inconclusive when fewer than two orders rose above f's rounding,
    /// or when they did but rounding stopped the steps so early that a sizeable error in g·d would not have shown.
    /// </summary>
    public CheckOutcome Outcome { get; }

    /// <summary>True when the options accepted an inconclusive test (<see cref="CheckOptions.AcceptInconclusive"/>).</summary>
    public bool AcceptsInconclusive { get; internal set; }

    /// <summary>The orders of the second-order remainder between consecutive resolved steps, largest steps first.</summary>
    public IReadOnlyList<double> ObservedOrders { get; }

    /// <summary>The smallest of the last orders before the noise floor: the judged order (NaN when none was measured).</summary>
    public double ConvergenceOrder { get; }

    /// <summary>
    /// The relative error of g·d that would have gone undetected: about a fifth of the remainder at the smallest
    /// resolved step over h·|g·d| (NaN when no order was measured or g·d = 0). Near √ε in double; percents for
    /// noisy float32 losses, where a pass above <see cref="TaylorTestOptions.MaxUndetectableError"/> becomes inconclusive.
    /// </summary>
    public double UndetectableError { get; init; } = double.NaN;

    /// <summary>The order that passes.</summary>
    public double RequiredOrder { get; }

    /// <summary>One row per step, largest first.</summary>
    public IReadOnlyList<TaylorRow> Rows { get; }

    /// <summary>The verdict in words.</summary>
    public string Conclusion { get; }

    /// <summary>Calls of the function (the determinism check included).</summary>
    public int FunctionEvaluations { get; }

    /// <summary>"double" or "float".</summary>
    public string ElementType { get; }

    /// <summary>f at the point.</summary>
    public double FunctionValue { get; }

    /// <summary>The direction d tested along.</summary>
    public IReadOnlyList<double> Direction { get; }

    /// <summary>g·d: the slope the gradient predicts along d.</summary>
    public double DirectionalDerivative { get; }

    /// <summary>The seed of the random direction, or null when the direction was given.</summary>
    public int? Seed { get; }

    /// <summary>The test in words.</summary>
    public string Method => string.Create(CultureInfo.InvariantCulture,
        $"Taylor remainder test: |f(x+h·d) − f(x) − h·g·d| at halving steps h must shrink at order {ReportText.Num(RequiredOrder)} or faster")
        + (Seed is null ? " along the given direction" : " along a random direction");

    /// <summary>None: everything the test found is in <see cref="Conclusion"/>.</summary>
    public IReadOnlyList<string> Warnings { get; } = [];

    /// <summary>The message a failure is thrown with: the verdict and the table of remainders.</summary>
    public string FailureMessage() => ToString();

    /// <summary>
    /// Throws <see cref="TaylorTestFailedException"/> when the test failed, and <see cref="InconclusiveCheckException"/>
    /// when it was inconclusive (unless the options accepted that).
    /// </summary>
    public void ThrowIfFailed()
    {
        switch (Outcome)
        {
            case CheckOutcome.Failed: throw new TaylorTestFailedException(this);
            case CheckOutcome.Inconclusive when !AcceptsInconclusive:
                throw new InconclusiveCheckException(ToString() + Environment.NewLine
                    + "What to do: raise InitialStep or FunctionNoiseUlps, pass another Direction, use GradientCheck.RunExact, or accept it knowingly with TaylorTestOptions.AcceptInconclusive.");
        }
    }

    /// <summary>The one-line verdict.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"Taylor test {ReportText.Verdict(Outcome)}: {Conclusion} ({FunctionEvaluations} evaluations) [{ElementType}]");

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(Summary);
        text.AppendLine(CultureInfo.InvariantCulture, $"  g·d = {ReportText.Num(DirectionalDerivative)}, f(x) = {ReportText.Num(FunctionValue)}, relative errors of g·d below {ReportText.Num(UndetectableError)} undetectable");
        string[] header = ["h", "|f(x+hd)−f(x)|", "|f(x+hd)−f(x)−h·g·d|", "order", "noise floor"];
        var cells = Rows.Select(r => new[]
        {
            ReportText.Num(r.Step), ReportText.Num(r.FirstOrderRemainder), ReportText.Num(r.SecondOrderRemainder),
            r.Order is { } o ? o.ToString("0.000", CultureInfo.InvariantCulture)
                : r.Resolved ? ""
                : double.IsFinite(r.SecondOrderRemainder) ? "(noise)" : "(non-finite)",
            ReportText.Num(r.NoiseFloor),
        }).ToList();
        text.Append(TextTable.Render(header, cells));
        return text.ToString().TrimEnd();
    }
}

/// <summary>Thrown by <see cref="TaylorReport.ThrowIfFailed"/>.</summary>
public sealed class TaylorTestFailedException : GradientCheckException
{
    /// <summary>Creates the exception for a failed report.</summary>
    public TaylorTestFailedException(TaylorReport report) : base(report.ToString()) => Report = report;

    /// <summary>The failed report.</summary>
    public TaylorReport Report { get; }
}
