using System.Diagnostics;
using GradCheck.Cli.Discovery;
using GradCheck.Cli.Reports;
using GradCheck.Cli.Running;
using Spectre.Console;

namespace GradCheck.Cli.Commands;

/// <summary>The pipeline both commands share: filter, run with progress, print, write report files, exit code.</summary>
internal static class CheckSession
{
    // writeReports writes the report files (a seam for tests); null: ReportWriter.Write.
    public static int Run(IAnsiConsole console, CheckRequest request, IReadOnlyList<DiscoveredCase> discovered, CancellationToken cancellationToken,
        Func<CheckRequest, RunResult, IReadOnlyList<string>>? writeReports = null)
    {
        var filter = new NameFilter(request.Filters);
        var selected = discovered.Where(c => filter.Matches(c.Name)).ToList();
        if (selected.Count == 0)
            throw new UsageException($"No case matches --filter {string.Join(", ", request.Filters)}. Cases: {string.Join(", ", discovered.Select(c => c.Name))}.");
        OutputLocation.Verify(request);

        bool toConsole = request.Formats.HasFlag(ReportFormat.Console);
        var consoleReport = new ConsoleReport(console);
        var clock = Stopwatch.StartNew();
        var outcomes = new List<CaseOutcome>();
        foreach (var item in selected)
        {
            var outcome = toConsole
                ? ProgressDisplay.Run(console, item.Name, progress => CaseRunner.Run(item, request.Seed, request.Mode, progress, cancellationToken, request.AcceptInconclusive))
                : CaseRunner.Run(item, request.Seed, request.Mode, null, cancellationToken, request.AcceptInconclusive);
            outcomes.Add(outcome);
            if (toConsole) consoleReport.WriteCase(outcome);
        }
        var result = new RunResult(outcomes, clock.Elapsed);

        IReadOnlyList<string> written;
        try
        {
            written = (writeReports ?? ReportWriter.Write)(request, result);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The directory was fine before the run (OutputLocation) but failed now (disk full, removed meanwhile):
            // the finished results must not be lost with it, so they go to the console whatever --format said.
            if (!toConsole)
                foreach (var outcome in outcomes) consoleReport.WriteCase(outcome);
            consoleReport.WriteSummary(request, result, []);
            console.MarkupLineInterpolated($"[red]error:[/] the reports could not be written into {request.Output}: {e.Message} The results above are complete; rerun with --out naming a directory you can write to.");
            // The run's own verdict matters more than the lost files; a run that was otherwise fine reports the output problem.
            return result.ExitCode != ExitCodes.Success ? result.ExitCode : ExitCodes.UsageError;
        }
        if (toConsole) consoleReport.WriteSummary(request, result, written);
        return result.ExitCode;
    }
}
