using GradCheck.Cli.Commands;
using GradCheck.Cli.Running;
using Spectre.Console;

namespace GradCheck.Cli.Reports;

/// <summary>
/// The console report: per case a table per group (tensor), the rows of groups without entries (Taylor, descent), the
/// worst entries, diagnosis and warnings; at the end a summary of all cases. Colours come from markup, which Spectre
/// drops when the console has no colour support.
/// </summary>
internal sealed class ConsoleReport(IAnsiConsole console)
{
    private const int WorstEntriesShown = 5;
    private const int DiagnosisLinesShown = 5;

    public void WriteCase(CaseOutcome outcome)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(outcome.Name)}[/]  {Verdict(outcome)}").LeftJustified());
        if (outcome.Case.Description is { } description) console.MarkupLineInterpolated($"[grey]{description}[/]");
        if (outcome.Error is { } error)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {error}");
            console.WriteLine();
            return;
        }
        var result = outcome.Result!;
        console.Write(GroupTable(result));
        foreach (var line in result.Groups.Select(CheckedText.FastLine).OfType<string>()) console.MarkupLineInterpolated($"[grey]{line}[/]");
        foreach (var group in result.Groups) WriteDetails(group);
        if (outcome.Entries.Any()) console.Write(WorstTable(outcome));
        WriteDiagnosis(outcome);
        console.WriteLine();
    }

    public void WriteSummary(CheckRequest request, RunResult result, IReadOnlyList<string> written)
    {
        var table = new Table().Title("[bold]Summary[/]").Border(TableBorder.Rounded)
            .AddColumns("case", "result", "expected", "groups", "entries", "evaluations", "worst rel error");
        foreach (var c in result.Cases)
        {
            table.AddRow(
                Markup.Escape(c.Name),
                Verdict(c),
                c.Case.ExpectFailure ? "failure" : "pass",
                Numbers.Format(c.Result?.Groups.Count ?? 0),
                CheckedText.Checked(c),
                Numbers.Format(c.FunctionEvaluations),
                CheckedText.WorstRelativeError(c));
        }
        foreach (int i in new[] { 2, 3, 4, 5, 6 }) table.Columns[i].RightAligned();
        console.Write(table);

        int unexpected = result.Cases.Count(c => c.Unexpected);
        int inconclusive = result.Cases.Count(c => c.Inconclusive && !c.AsExpected);
        console.MarkupLine(unexpected == 0 && inconclusive == 0
            ? $"[green]All {result.Cases.Count} cases ended as expected[/] ({ExpectedFailures(result)}); exit code {result.ExitCode}."
            : unexpected == 0
                ? $"[yellow]{inconclusive} of {result.Cases.Count} cases were inconclusive[/] (nothing failed, but their derivatives were not resolved: see the warnings); exit code {result.ExitCode}."
                : $"[red]{unexpected} of {result.Cases.Count} cases did not end as expected[/]{(inconclusive > 0 ? $", {inconclusive} inconclusive" : "")}; exit code {result.ExitCode}.");
        console.MarkupLineInterpolated($"[grey]mode {request.EffectiveMode.ToString().ToLowerInvariant()}, seed {(request.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default")}; reproduce: {request.ReproduceCommand()}[/]");
        foreach (var file in written) console.MarkupLineInterpolated($"wrote [blue]{file}[/]");
    }

    private static string ExpectedFailures(RunResult result)
    {
        int expectedFailures = result.Cases.Count(c => c.Case.ExpectFailure && c.AsExpected);
        return expectedFailures == 0 ? "all passed" : $"{expectedFailures} planted failure{(expectedFailures == 1 ? "" : "s")} caught";
    }

    private static string Verdict(CaseOutcome c) => (c.Outcome, c.AsExpected) switch
    {
        ("passed", true) => "[green]PASSED[/]",
        ("failed", true) => "[yellow]FAILED (expected)[/]",
        ("passed", false) => "[red]PASSED (a failure was expected)[/]",
        ("error", _) => "[red]ERROR[/]",
        ("inconclusive", true) => "[yellow]INCONCLUSIVE (accepted)[/]",
        ("inconclusive", false) => "[yellow]INCONCLUSIVE[/]",
        _ => "[red]FAILED[/]",
    };

    private static Table GroupTable(CheckCaseResult result)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("group", "shape", "checked", "ok", "mismatch", "kink", "non-finite", "worst rel error", "evaluations", "result");
        foreach (var group in result.Groups)
        {
            var counts = group.EntryReport() is { } r ? VerdictCounts.Of(r) : null;
            table.AddRow(
                Markup.Escape(group.Name),
                Markup.Escape(Numbers.Shape(group.Shape)),
                CheckedText.Checked(group),
                counts is null ? CheckedText.None : CheckedText.Count(group, counts.Ok),
                counts is null ? CheckedText.None : counts.Mismatch > 0 ? $"[red]{counts.Mismatch}[/]" : "0",
                counts is null ? CheckedText.None : counts.NonDifferentiable > 0 ? $"[yellow]{counts.NonDifferentiable}[/]" : "0",
                counts is null ? CheckedText.None : counts.NonFinite > 0 ? $"[red]{counts.NonFinite}[/]" : "0",
                CheckedText.WorstRelativeError(group),
                Numbers.Format(group.CheckReport.FunctionEvaluations),
                group.CheckReport.Outcome switch { CheckOutcome.Passed => "[green]ok[/]", CheckOutcome.Failed => "[red]FAILED[/]", _ => "[yellow]INCONCLUSIVE[/]" });
        }
        for (int i = 2; i <= 8; i++) table.Columns[i].RightAligned();
        return table;
    }

    private static Table WorstTable(CaseOutcome outcome)
    {
        var table = new Table().Border(TableBorder.Simple).Title("[grey]worst entries[/]")
            .AddColumns("entry", "analytic", "numeric", "abs error", "rel error", "abs tolerance", "verdict");
        foreach (var (_, e) in Ranking.Worst(outcome.Entries).Take(WorstEntriesShown))
        {
            string verdict = e.Verdict switch
            {
                EntryVerdict.Ok => "Ok",
                EntryVerdict.NonDifferentiable => "[yellow]Kink (valid)[/]",
                _ => $"[red]{e.Verdict}[/]",
            };
            table.AddRow(Markup.Escape(e.Label), Numbers.Format(e.Analytic), Numbers.Format(e.Numeric), Numbers.Format(e.AbsoluteError),
                Numbers.Format(e.RelativeError), Numbers.Format(e.Tolerance), verdict);
        }
        for (int i = 1; i <= 5; i++) table.Columns[i].RightAligned();
        return table;
    }

    /// <summary>A group without an entry table: its summary, its own rows (steps, learning rates) and notes.</summary>
    private void WriteDetails(CheckGroup group)
    {
        if (CheckDetails.Of(group) is not { } details) return;
        console.MarkupLineInterpolated($"[bold]{group.Name}[/]: {details.Summary}");
        if (details.Rows.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns(details.Header.Select(Markup.Escape).ToArray());
            foreach (var row in details.Rows) table.AddRow(row.Select(Markup.Escape).ToArray());
            foreach (var column in table.Columns) column.RightAligned();
            console.Write(table);
        }
        foreach (var note in details.Notes) console.MarkupLineInterpolated($"[grey]  {note}[/]");
    }

    private void WriteDiagnosis(CaseOutcome outcome)
    {
        foreach (var group in outcome.Result!.Groups.Where(g => g.Diagnosis is not null))
            console.MarkupLineInterpolated($"  [red]✗[/] [bold]{group.Name}[/]: {group.Diagnosis}");
        var notable = Ranking.Worst(outcome.Entries)
            .Where(x => x.Entry.IsFailure || x.Entry.Verdict == EntryVerdict.NonDifferentiable).Select(x => x.Entry).ToList();
        foreach (var e in notable.Take(DiagnosisLinesShown))
            console.MarkupLineInterpolated($"  [{(e.IsFailure ? "red" : "yellow")}]{(e.IsFailure ? "✗" : "~")}[/] {Diagnosis.Describe(e)}");
        if (notable.Count > DiagnosisLinesShown)
            console.MarkupLineInterpolated($"  … and {notable.Count - DiagnosisLinesShown} more");
        foreach (var group in outcome.Result!.Groups)
        {
            foreach (var contract in group.ContractFailures()) console.MarkupLineInterpolated($"  [red]✗[/] ({group.Name}) {Diagnosis.Describe(contract)}");
            foreach (var direction in group.DirectionFailures())
                console.MarkupLineInterpolated($"  [{(direction.Entry.IsFailure ? "red" : "yellow")}]{(direction.Entry.IsFailure ? "✗" : "?")}[/] ({group.Name}) {Diagnosis.Describe(direction)}");
        }
        foreach (var group in outcome.Result!.Groups)
        foreach (var warning in group.CheckReport.Warnings)
            console.MarkupLineInterpolated($"  [yellow]warning[/] ({group.Name}): {warning}");
    }
}
