using System.Text.RegularExpressions;
using GradCheck.Cli.Commands;
using GradCheck.Cli.Discovery;
using GradCheck.Cli.Reports;
using GradCheck.Cli.Reports.Plots;
using GradCheck.Cli.Tests.Support;
using Spectre.Console.Testing;

namespace GradCheck.Cli.Tests;

/// <summary>Issue 16, item 7: the reproduce line, fast-mode tables, long failure lists, the step plot's caption, and --out.</summary>
public class CliDetailsTests
{
    [Fact]
    public void The_reproduce_line_keeps_the_assembly_path_as_given_so_it_runs_from_the_same_directory()
    {
        // ../<its folder>/<its file>: a path that works only with its directory part, from the test's working directory.
        string folder = Path.GetFileName(Path.GetDirectoryName(Tool.FixtureAssembly)!);
        string relative = Path.Combine("..", folder, Path.GetFileName(Tool.FixtureAssembly));
        Assert.True(File.Exists(relative), $"{relative} from {Environment.CurrentDirectory}");
        Assert.NotEqual(Path.GetFileName(relative), relative); // the path has a directory part the old line dropped

        var (exitCode, output) = Tool.Run("run", relative, "--filter", "fixture-pass", "--format", "console");

        Assert.Equal(0, exitCode);
        Assert.Contains($"reproduce: gradcheck run {relative} --filter fixture-pass --mode full", output.Replace("\n", ""));
        var request = new CheckRequest("run", "bin/Release/net10.0/My Checks.dll", [], CheckMode.Full, null, ReportFormat.Console, "out");
        Assert.Equal("gradcheck run 'bin/Release/net10.0/My Checks.dll' --mode full", request.ReproduceCommand());
    }

    [Fact]
    public void A_passing_fast_case_shows_the_directions_it_compared_not_zero_entries_checked()
    {
        var (exitCode, output) = Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-pass", "--mode", "fast", "--format", "console");

        Assert.Equal(0, exitCode);
        var row = output.Split('\n').Single(l => l.Contains("│ fixture-pass ", StringComparison.Ordinal) && l.Contains("[2]", StringComparison.Ordinal));
        Assert.Matches(@"│\s+\d+ directions │\s+– │", row);
        Assert.DoesNotMatch(@"\[2\]\s+│\s+0\s+│", row); // the old "checked 0 | ok 0"
        Assert.Matches(@"fast mode \(fixture-pass\): \d+ random directions compared .*; \d+ evaluations; 0 entries located \(none needed: every direction agreed\)",
            output.Replace("\n", " "));
        var summary = output.Split('\n').Single(l => l.Contains("fixture-pass", StringComparison.Ordinal) && l.Contains("PASSED", StringComparison.Ordinal) && l.Contains('│'));
        Assert.Matches(@"\d+ directions", summary);
        Assert.Contains(CheckedText.None, summary);
    }

    [Fact]
    public void The_html_lists_the_ten_worst_failing_entries_of_a_group_and_counts_the_rest()
    {
        string dir = Tool.TempDirectory();
        var (exitCode, _) = Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-many-wrong", "--format", "html", "--out", dir);
        Assert.Equal(1, exitCode);
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        var diagnosis = html[html.IndexOf("<h3>Diagnosis</h3>", StringComparison.Ordinal)..];
        diagnosis = diagnosis[..diagnosis.IndexOf("</ul>", StringComparison.Ordinal)];

        var listed = Regex.Matches(diagnosis, @"<li>x\[(\d+)\]: analytic").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(10, listed.Count);
        // f = Σ xᵢ², gradient xᵢ instead of 2xᵢ with xᵢ = (i+1)/10: the error |xᵢ| grows with i, so the worst are x[14] … x[5].
        Assert.Equal(Enumerable.Range(5, 10).Reverse(), listed);
        Assert.Contains("and 5 more failing entries in fixture-many-wrong</li>", diagnosis);
    }

    [Fact]
    public void The_step_plot_caption_says_where_each_curve_bottoms_out_relative_to_its_tolerance()
    {
        var right = Entry(0, EntryVerdict.Ok);
        var wrong = Entry(1, EntryVerdict.Mismatch);
        double[] vShape = [1e-2, 1e-4, 1e-6, 1e-8, 3e-9, 1e-7, 1e-5];   // bottoms out at 3e-9: above 1e-10
        double[] flat = [1.0, 1.0, 1.0, 1.0, 1.0, double.NaN, 1.0];

        string caption = StepSweepCaption.For([(right, vShape), (wrong, flat)]);

        Assert.Contains("w[0] (Ok) bottoms out at 3e-9, above its tolerance 1e-10", caption);
        Assert.Contains("w[1] (Mismatch) bottoms out at 1, above its tolerance 1e-10", caption);
        Assert.DoesNotContain("dips far below", caption);
        Assert.Contains("below its tolerance 1e-10", StepSweepCaption.For([(right, [1e-3, 5e-11, 1e-3])]));
    }

    [Fact]
    public void The_demo_caption_matches_its_correct_network_which_bottoms_out_above_the_tolerance_line()
    {
        string dir = Tool.TempDirectory();
        var (exitCode, _) = Tool.Run("demo", "--filter", "two-layer-network", "--format", "html", "--out", dir);
        Assert.Equal(0, exitCode);
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));

        var caption = Regex.Match(html, @"<b>Error versus step\.</b> ([^<]*)").Groups[1].Value;
        // The caption says, for the correct network's entry, where its curve bottoms out against its own tolerance line
        // (above it before early decisions, whose tolerance for an early pass is looser; below it now), never a promise.
        Assert.Matches(@"\(Ok\) bottoms out at \S+, (above|below) its tolerance", caption);
        Assert.DoesNotContain("dips far below", html);
    }

    [Fact]
    public void Out_naming_an_existing_file_is_refused_before_any_case_runs_with_exit_code_2()
    {
        string file = Path.Combine(Tool.TempDirectory(), "report-here.txt");
        File.WriteAllText(file, "keep me");

        var (exitCode, output) = Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-pass", "--out", file);

        Assert.Equal(2, exitCode);
        Assert.Contains("is an existing file", output);
        Assert.Contains("Nothing was run", output);
        Assert.DoesNotContain("PASSED", output);
        Assert.DoesNotContain("internal error", output);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void Out_that_cannot_be_created_is_refused_before_any_case_runs_with_exit_code_2()
    {
        string file = Path.Combine(Tool.TempDirectory(), "a-file");
        File.WriteAllText(file, "");

        var (exitCode, output) = Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-pass", "--out", Path.Combine(file, "reports"));

        Assert.Equal(2, exitCode);
        Assert.Contains("cannot be written", output);
        Assert.DoesNotContain("PASSED", output);
    }

    [Fact]
    public void Console_only_runs_never_touch_the_out_directory()
    {
        string file = Path.Combine(Tool.TempDirectory(), "not-a-dir");
        File.WriteAllText(file, "");
        var (exitCode, _) = Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-pass", "--format", "console", "--out", file);
        Assert.Equal(0, exitCode);
    }

    [Theory]
    [InlineData("fixture-pass", 2)]   // an otherwise clean run reports the output problem
    [InlineData("fixture-bug", 1)]    // a failing run keeps its own exit code
    public void Reports_that_fail_to_write_after_the_run_still_print_the_results_and_a_clear_error(string filter, int expectedExit)
    {
        var console = new TestConsole().Width(200);
        var cases = CaseDiscovery.Discover(UserAssemblyLoadContext.Load(Tool.FixtureAssembly));
        var request = new CheckRequest("run", "checks.dll", [filter], CheckMode.Full, null, ReportFormat.Json, Tool.TempDirectory());

        int exitCode = CheckSession.Run(console, request, cases, CancellationToken.None,
            (_, _) => throw new IOException("No space left on device."));

        Assert.Equal(expectedExit, exitCode);
        Assert.Contains(filter, console.Output);          // the case's own report, though only JSON was asked for
        Assert.Contains("Summary", console.Output);
        Assert.Contains("the reports could not be written", console.Output);
        Assert.Contains("No space left on device.", console.Output);
    }

    private static EntryResult Entry(int index, EntryVerdict verdict) => new()
    {
        Index = index, Name = $"w[{index}]", Analytic = 1, Numeric = 1, AbsoluteError = 0, RelativeError = 0, ErrorEstimate = 1e-12,
        Tolerance = 1e-10, Verdict = verdict,
    };
}
