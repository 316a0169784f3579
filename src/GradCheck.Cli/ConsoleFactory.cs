using Spectre.Console;

namespace GradCheck.Cli;

/// <summary>Creates the console the commands write to.</summary>
internal static class ConsoleFactory
{
    /// <summary>Width used when output is redirected, so tables are not squeezed into Spectre's 80-column fallback.</summary>
    private const int RedirectedWidth = 120;

    /// <summary>
    /// The process's console: colours and live progress on a terminal; plain text (no ANSI escapes, no progress
    /// bar) when output is redirected to a file or pipe, so logs and CI output stay readable.
    /// </summary>
    public static IAnsiConsole ForTerminal()
    {
        bool redirected = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
