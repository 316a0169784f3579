using GradCheck.Cli.Demo;
using GradCheck.Cli.Discovery;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GradCheck.Cli.Commands;

/// <summary>
/// <c>gradcheck demo</c>: runs the cases built into the tool. The planted-bug case is declared ExpectFailure, so
/// the demo exits 0 when every case ends with the verdict it should have (and 1 if, say, the bug went unnoticed).
/// </summary>
internal sealed class DemoCommand(IAnsiConsole console) : AsyncCommand<CheckSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CheckSettings settings, CancellationToken cancellationToken)
    {
        var cases = CaseDiscovery.Discover(typeof(DemoCases).Assembly);
        var request = CheckRequest.From("demo", null, settings);
        return Task.FromResult(CheckSession.Run(console, request, cases, cancellationToken));
    }
}
