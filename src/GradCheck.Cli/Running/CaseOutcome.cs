using GradCheck.Cli.Discovery;
using GradCheck.Cli.Reports;

namespace GradCheck.Cli.Running;

/// <summary>How one case ended: its result, or the error that stopped it.</summary>
internal sealed record CaseOutcome(DiscoveredCase Case, CheckCaseResult? Result, string? Error, TimeSpan Elapsed)
{
    public string Name => Case.Name;

    /// <summary>True when the case ran and every group passed.</summary>
    public bool Passed => Error is null && Result is { Passed: true };

    /// <summary>True when the case ran, nothing failed, but some group could not resolve its entries.</summary>
    public bool Inconclusive => Error is null && Result is { Outcome: CheckOutcome.Inconclusive };

    /// <summary>
    /// True when the case is inconclusive and every unresolved group's options accepted that
    /// (<see cref="CheckOptions.AcceptInconclusive"/>): then it counts as a pass for a case that expects one.
    /// </summary>
    public bool InconclusiveAccepted => Inconclusive
        && Result!.Groups.Where(g => g.Report.Outcome == CheckOutcome.Inconclusive).All(g => g.Report.AcceptsInconclusive);

    /// <summary>
    /// The verdict the case should have: a pass (or an accepted inconclusive), or a failure for ExpectFailure cases.
    /// A case that threw never is; an unaccepted inconclusive case never is either, since it checked nothing.
    /// </summary>
    public bool AsExpected => Error is null && Result is not null
        && (Case.ExpectFailure ? Result.Outcome == CheckOutcome.Failed : Passed || InconclusiveAccepted);

    /// <summary>
    /// True when the case did not end as expected for a reason other than being inconclusive: it threw, failed
    /// although a pass was expected, or passed although a failure was expected. These make the exit code 1.
    /// </summary>
    public bool Unexpected => !AsExpected && !Inconclusive;

    /// <summary>"passed", "failed", "inconclusive" or "error": the words reports use.</summary>
    public string Outcome => Error is not null ? "error" : Passed ? "passed" : Inconclusive ? "inconclusive" : "failed";

    public int FunctionEvaluations => Result?.FunctionEvaluations ?? 0;

    public IEnumerable<(CheckGroup Group, EntryResult Entry)> Entries =>
        Result?.Groups.SelectMany(g => g.Report.Rows().Select(e => (g, e))) ?? [];
}

/// <summary>All outcomes of one invocation.</summary>
internal sealed record RunResult(IReadOnlyList<CaseOutcome> Cases, TimeSpan Elapsed)
{
    public bool AllAsExpected => Cases.All(c => c.AsExpected);

    /// <summary>1 when any case ended unexpectedly; else 4 when any case was inconclusive and not accepted; else 0.</summary>
    public int ExitCode => Cases.Any(c => c.Unexpected) ? ExitCodes.Failures
        : AllAsExpected ? ExitCodes.Success
        : ExitCodes.Inconclusive;
}
