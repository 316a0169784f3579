using System.Diagnostics;
using GradCheck.Cli.Discovery;
using GradCheck.Cli.Reports;
using GradCheck.Cli.Running;
using Spectre.Console;

namespace GradCheck.Cli.Commands;

/// <summary>The pipeline both commands share: filter, run with progress, print, write report files, exit code.</summary>
internal static class CheckSession
{
    public static int Run(IAnsiConsole console, CheckRequest request, IReadOnlyList<DiscoveredCase> discovered, CancellationToken cancellationToken)
    {
        var filter = new NameFilter(request.Filters);
        var selected = discovered.Where(c => filter.Matches(c.Name)).ToList();
        if (selected.Count == 0)
            throw new UsageException($"No case matches --filter {string.Join(", ", request.Filters)}. Cases: {string.Join(", ", discovered.Select(c => c.Name))}.");

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

        var written = ReportWriter.Write(request, result);
        if (toConsole) consoleReport.WriteSummary(request, result, written);
        return result.ExitCode;
    }
}
