using System.Text.RegularExpressions;
using GradCheck.Cli.Tests.Support;

namespace GradCheck.Cli.Tests;

public class ProgressTests
{
    [Fact]
    public void An_interactive_console_shows_a_progress_bar_with_evaluations_and_still_prints_the_report()
    {
        var (exitCode, output) = Tool.RunInteractive("demo", "--filter", "two-layer-network", "--format", "console");
        Assert.Equal(0, exitCode);
        Assert.Matches(new Regex(@"\d+ evaluations"), output);   // the progress bar's evaluations column
        Assert.Contains("\u001b[", output);                        // colours on a terminal
        Assert.Contains("PASSED", output);
    }

    [Fact]
    public void A_redirected_console_gets_no_progress_bar() =>
        Assert.DoesNotMatch(new Regex(@"\d+ evaluations"), Tool.Run("demo", "--filter", "two-layer-network", "--format", "console").Output);
}
