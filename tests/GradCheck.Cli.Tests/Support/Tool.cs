using Spectre.Console.Testing;

namespace GradCheck.Cli.Tests.Support;

/// <summary>Runs the CLI in-process against a plain test console (no colours, no ANSI, fixed width).</summary>
internal static class Tool
{
    public static (int ExitCode, string Output) Run(params string[] args) => Run(interactive: false, args);

    /// <summary>Runs against a console that is interactive and ANSI-capable, as a terminal is (progress bars on).</summary>
    public static (int ExitCode, string Output) RunInteractive(params string[] args) => Run(interactive: true, args);

    private static (int ExitCode, string Output) Run(bool interactive, string[] args)
    {
        var console = new TestConsole().Width(120);
        console.Profile.Capabilities.Ansi = interactive;
        console.Profile.Capabilities.Interactive = interactive;
        console.EmitAnsiSequences = interactive;
        int exitCode = CliApp.Create(console).Run(args);
        return (exitCode, console.Output);
    }

    /// <summary>A fresh temporary directory for report files.</summary>
    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "gradcheck-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>This test assembly: it doubles as a user assembly with [GradientCheckCase] fixtures.</summary>
    public static string FixtureAssembly => typeof(Tool).Assembly.Location;
}
