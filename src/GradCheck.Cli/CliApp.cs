using GradCheck.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GradCheck.Cli;

/// <summary>The command-line application: commands, help and the mapping of errors to exit codes.</summary>
internal static class CliApp
{
    /// <summary>Builds the app writing to <paramref name="console"/> (a test console in tests).</summary>
    public static CommandApp Create(IAnsiConsole console)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("gradcheck");
            config.UseStrictParsing();   // an unknown option is a mistake (exit 2), not something to ignore
            config.ConfigureConsole(console);
            config.CancellationExitCode(ExitCodes.Cancelled);
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("Run the built-in cases (a two-layer network, correct and with a planted bug; classic traps: a kink, a 1e10 offset, a domain edge, float32; whole-model checks with planted bugs) and write reports. Exit code 0 when every case ends as expected (planted bugs caught), 1 when one does not, 4 when nothing failed but a case was inconclusive.")
                .WithExample("demo")
                .WithExample("demo", "--format", "console,json", "--out", "reports");
            config.AddCommand<RunCommand>("run")
                .WithDescription("Discover [[GradientCheckCase]] methods in a compiled assembly and run them: gradient, whole-model, Jacobian (full, VJP, JVP), Hessian-vector product, Taylor and descent checks, or any check wrapped with CheckCase.Create (a TorchSharp check), in full or fast mode. Exit code 0: all as expected, 1: failures, 2: usage error, 4: inconclusive (nothing failed, but a case's derivatives were not resolved).")
                .WithExample("run", "bin/Release/net10.0/MyModel.Tests.dll", "--filter", "conv*", "--seed", "42");
            // Spectre prints parse errors itself and returns -1; we want the documented code 2 for usage errors.
            config.SetExceptionHandler((exception, _) => HandleException(console, exception));
        });
        return app;
    }

    private static int HandleException(IAnsiConsole console, Exception exception)
    {
        switch (exception)
        {
            case CommandAppException { Pretty: { } pretty }:
                console.Write(pretty);
                return ExitCodes.UsageError;
            case CommandAppException or UsageException:
                console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return ExitCodes.UsageError;
            case OperationCanceledException:
                console.MarkupLine("[yellow]cancelled[/]");
                return ExitCodes.Cancelled;
            default:
                console.MarkupLine("[red]internal error in gradcheck:[/]");
                console.WriteException(exception, ExceptionFormats.ShortenEverything);
                return ExitCodes.InternalError;
        }
    }
}

/// <summary>A mistake in how gradcheck was called that only shows after parsing (e.g. no case matches the filter).</summary>
internal sealed class UsageException(string message) : Exception(message);
