using System.Text.RegularExpressions;
using GradCheck.Cli.Tests.Support;

namespace GradCheck.Cli.Tests;

public class ConsoleSnapshotTests
{
    [Fact]
    public void Demo_console_output_matches_the_snapshot()
    {
        var (exitCode, output) = Tool.Run("demo", "--format", "console");
        Assert.Equal(0, exitCode);
        Snapshot.Match(output, "demo-console.txt");
    }

    [Fact]
    public void Console_output_has_no_ansi_escapes_when_the_console_has_no_colour()
    {
        var (_, output) = Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-*", "--format", "console");
        Assert.DoesNotContain("\u001b[", output);
        Assert.Contains("fixture-bug", output);
    }

    [Fact]
    public void File_lines_name_the_reports_written()
    {
        string dir = Tool.TempDirectory();
        var (_, output) = Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-pass", "--format", "console,json", "--out", dir);
        // Paths differ per machine: the snapshot above avoids them; here only their presence is checked.
        Assert.Matches(new Regex(@"wrote .*report\.json"), output);
        Assert.DoesNotContain("report.html", output);
    }
}
