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

    /// <summary>The README's sample report is the demo's output, line for line, not a hand-made table that drifts.</summary>
    [Fact]
    public void The_readme_sample_report_is_what_the_demo_prints()
    {
        string readme = File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "README.md")).ReplaceLineEndings("\n");
        int section = readme.IndexOf("## What a report looks like", StringComparison.Ordinal);
        int open = readme.IndexOf("```\n", section, StringComparison.Ordinal) + 4;
        string sample = readme[open..readme.IndexOf("```", open, StringComparison.Ordinal)].TrimEnd();
        var (_, output) = Tool.Run("demo", "--format", "console");
        string demo = string.Join("\n", output.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()));

        Assert.Contains("planted-bug", sample);
        Assert.Contains(sample, demo);
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
