using GradCheck.Cli.Discovery;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GradCheck.Cli.Commands;

/// <summary><c>gradcheck run &lt;assembly&gt;</c>: discovers [GradientCheckCase] methods in a user's assembly and runs them.</summary>
internal sealed class RunCommand(IAnsiConsole console) : AsyncCommand<RunSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var assembly = UserAssemblyLoadContext.Load(Path.GetFullPath(settings.Assembly));
        var cases = CaseDiscovery.Discover(assembly);
        if (cases.Count == 0)
            throw new UsageException($"No public static [GradientCheckCase] methods found in {Path.GetFileName(settings.Assembly)}.");
        var request = CheckRequest.From("run", settings.Assembly, settings);
        return Task.FromResult(CheckSession.Run(console, request, cases, cancellationToken));
    }
}
