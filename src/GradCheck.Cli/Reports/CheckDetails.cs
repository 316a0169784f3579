using System.Globalization;

namespace GradCheck.Cli.Reports;

/// <summary>
/// How the console and HTML reports show a group whose report has no entry table: its summary, its own rows (a Taylor
/// test's remainders per step, a descent check's loss changes per learning rate) and notes. A report of a kind the tool
/// does not know (a TorchSharp check wrapped with <see cref="CheckCase.Create{TReport}"/>) shows its summary and, unless
/// it passed, its full text, which names what went wrong.
/// </summary>
internal sealed record CheckDetails(string Summary, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>The details of a group without an entry table; null for a group with one.</summary>
    public static CheckDetails? Of(CheckGroup group) => group.CheckReport switch
    {
        GradientReport => null,
        TaylorReport taylor => Taylor(taylor),
        DescentReport descent => Descent(descent),
        var other => Other(other),
    };

    private static CheckDetails Taylor(TaylorReport r) => new(
        r.Summary,
        ["h", "|f(x+hd)−f(x)|", "|f(x+hd)−f(x)−h·g·d|", "order", "noise floor"],
        r.Rows.Select(row => (IReadOnlyList<string>)
        [
            Numbers.Format(row.Step), Numbers.Format(row.FirstOrderRemainder), Numbers.Format(row.SecondOrderRemainder),
            row.Order is { } order ? order.ToString("0.000", CultureInfo.InvariantCulture)
                : row.Resolved ? ""
                : double.IsFinite(row.SecondOrderRemainder) ? "(noise)" : "(non-finite)",
            Numbers.Format(row.NoiseFloor),
        ]).ToArray(),
        [TaylorNote(r)]);

    /// <summary>g·d, f and the orders; the judged order and the undetectable error only when they were measured (not NaN).</summary>
    private static string TaylorNote(TaylorReport r)
    {
        var parts = new List<string>
        {
            $"g·d = {Numbers.Format(r.DirectionalDerivative)}, f(x) = {Numbers.Format(r.FunctionValue)}",
            $"required order {Numbers.Format(r.RequiredOrder)}" + (double.IsFinite(r.ConvergenceOrder)
                ? $", judged order {r.ConvergenceOrder.ToString("0.000", CultureInfo.InvariantCulture)}" : ", no order measured"),
        };
        if (double.IsFinite(r.UndetectableError)) parts.Add($"relative errors of g·d below {Numbers.Format(r.UndetectableError)} would go undetected");
        return string.Join("; ", parts);
    }

    private static CheckDetails Descent(DescentReport r) => new(
        r.Summary,
        ["η", "loss change", "predicted −η|g|²", "actual/predicted"],
        r.Rows.Select(row => (IReadOnlyList<string>)
        [
            Numbers.Format(row.StepSize), Numbers.Format(row.LossChange), Numbers.Format(row.PredictedChange),
            double.IsFinite(row.Ratio) ? row.Ratio.ToString("0.#########", CultureInfo.InvariantCulture) : Numbers.Format(row.Ratio),
        ]).ToArray(),
        [
            $"actual/predicted extrapolated to η → 0: {Numbers.Format(r.LimitRatio)} (1 ± {Numbers.Format(r.RatioTolerance)} passes); "
            + $"the loss {(r.LossDecreased ? "went down" : "did not go down")} at the smallest resolved steps",
        ]);

    private static CheckDetails Other(ICheckReport r)
    {
        if (r.Outcome == CheckOutcome.Passed) return new(r.Summary, [], [], []);
        var lines = r.ToString().ReplaceLineEndings("\n").Split('\n').Where(l => l.Length > 0).ToList();
        if (lines.Count > 0 && lines[0] == r.Summary) lines.RemoveAt(0);
        return new(r.Summary, [], [], lines);
    }
}
