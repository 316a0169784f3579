using GradCheck.Cli.Discovery;

namespace GradCheck.Cli.Running;

/// <summary>How one case ended: its result, or the error that stopped it.</summary>
internal sealed record CaseOutcome(DiscoveredCase Case, CheckCaseResult? Result, string? Error, TimeSpan Elapsed)
{
    public string Name => Case.Name;

    /// <summary>True when the case ran and every group passed.</summary>
    public bool Passed => Error is null && Result is { Passed: true };

    /// <summary>The verdict the case should have: a pass, or a failure for ExpectFailure cases. A case that threw never is.</summary>
    public bool AsExpected => Error is null && Result is not null && Passed != Case.ExpectFailure;

    /// <summary>"passed", "failed" or "error": the words reports use.</summary>
    public string Outcome => Error is not null ? "error" : Passed ? "passed" : "failed";

    public int FunctionEvaluations => Result?.FunctionEvaluations ?? 0;

    public IEnumerable<(CheckGroup Group, EntryResult Entry)> Entries =>
        Result?.Groups.SelectMany(g => g.Report.Entries.Select(e => (g, e))) ?? [];
}

/// <summary>All outcomes of one invocation.</summary>
internal sealed record RunResult(IReadOnlyList<CaseOutcome> Cases, TimeSpan Elapsed)
{
    public bool AllAsExpected => Cases.All(c => c.AsExpected);

    public int ExitCode => AllAsExpected ? ExitCodes.Success : ExitCodes.Failures;
}
