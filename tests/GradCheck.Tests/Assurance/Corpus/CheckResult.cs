namespace GradCheck.Tests.Assurance;

/// <summary>
/// How one check of a corpus case ended: an outcome with its failing entries, or a refusal (a
/// <see cref="GradientCheckException"/> such as <see cref="NonDeterministicFunctionException"/>, Outcome null).
/// </summary>
public sealed record CheckResult(CheckOutcome? Outcome, IReadOnlyList<int> FailingEntries, string Detail)
{
    public bool Refused => Outcome is null;

    public bool Passed => Outcome == CheckOutcome.Passed;

    /// <summary>"Passed", "Failed", "Inconclusive" or "Refused".</summary>
    public string Label => Outcome?.ToString() ?? "Refused";

    /// <summary>The outcome, the failing entries, and the entry verdicts counted (what a reader of a failed test needs first).</summary>
    public static CheckResult Of(GradientReport report) =>
        new(report.Outcome, report.Failures.Select(e => e.Index).ToArray(),
            $"{report.Summary}; entries: {string.Join(", ", report.Entries.GroupBy(e => e.Verdict).Select(g => $"{g.Count()} {g.Key}"))}");

    /// <summary>Runs a check; a GradCheck exception is the checker refusing, anything else is a bug and propagates.</summary>
    public static CheckResult Guard(Func<GradientReport> check)
    {
        try
        {
            return Of(check());
        }
        catch (GradientCheckException e) when (e is not FunctionEvaluationException)
        {
            return new CheckResult(null, [], $"{e.GetType().Name}: {e.Message}");
        }
    }

    public override string ToString() => $"{Label} ({Detail})";
}
