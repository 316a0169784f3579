using GradCheck.Cli.Discovery;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GradCheck.Cli.Commands;

/// <summary><c>gradcheck run &lt;assembly&gt;</c>: discovers [GradientCheckCase] methods in a user's assembly and runs them.</summary>
internal sealed class RunCommand(IAnsiConsole console) : AsyncCommand<RunSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        System.Reflection.Assembly assembly;
        try
        {
            assembly = UserAssemblyLoadContext.Load(Path.GetFullPath(settings.Assembly));
        }
        catch (BadImageFormatException)
        {
            throw new UsageException($"{settings.Assembly} is not a .NET assembly. Pass the .dll your project builds, e.g. bin/Release/net10.0/MyChecks.dll.");
        }
        var cases = CaseDiscovery.Discover(assembly);
        if (cases.Count == 0)
            throw new UsageException($"No public static [GradientCheckCase] methods found in {Path.GetFileName(settings.Assembly)}.");
        var request = CheckRequest.From("run", settings.Assembly, settings);
        return Task.FromResult(CheckSession.Run(console, request, cases, cancellationToken));
    }
}
