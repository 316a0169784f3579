using GradCheck.Cli.Tests.Support;

namespace GradCheck.Cli.Tests;

public class ExitCodeTests
{
    [Fact]
    public void Demo_exits_0_because_every_case_ends_as_expected_including_the_planted_bug()
    {
        var (exitCode, output) = Tool.Run("demo", "--format", "console");
        Assert.Equal(0, exitCode);
        Assert.Contains("FAILED (expected)", output);
        Assert.Contains("4 planted failures caught", output);
    }

    [Fact]
    public void Run_exits_0_when_all_selected_cases_pass() =>
        Assert.Equal(0, Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-pass", "--format", "console").ExitCode);

    [Fact]
    public void Run_exits_1_on_an_unexpected_failure()
    {
        var (exitCode, output) = Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-bug", "--format", "console");
        Assert.Equal(1, exitCode);
        Assert.Contains("x[0]: analytic is 0.5× the numeric 1: a missing or extra factor?", output);
    }

    [Fact]
    public void Run_exits_0_when_an_expected_failure_fails() =>
        Assert.Equal(0, Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-planted", "--format", "console").ExitCode);

    [Fact]
    public void A_case_that_throws_is_an_error_and_exits_1()
    {
        var (exitCode, output) = Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-throws", "--format", "console");
        Assert.Equal(1, exitCode);
        Assert.Contains("InvalidOperationException: boom", output);
    }

    [Fact]
    public void A_wrongly_declared_method_is_reported_not_skipped()
    {
        var (exitCode, output) = Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-bad-signature", "--format", "console");
        Assert.Equal(1, exitCode);
        Assert.Contains("take no parameters", output);
    }

    [Theory]
    [InlineData("run")]                                           // missing assembly argument
    [InlineData("run", "/nonexistent/checks.dll")]                // assembly not found
    [InlineData("demo", "--format", "pdf")]                       // unknown format
    [InlineData("demo", "--mode", "slow")]                        // unknown mode
    [InlineData("demo", "--seed", "abc")]                         // not a number
    [InlineData("demo", "--no-such-option")]
    [InlineData("frobnicate")]                                    // unknown command
    [InlineData("demo", "--filter", "no-such-case", "--format", "console")]   // nothing to run
    public void Usage_errors_exit_2(params string[] args)
    {
        var (exitCode, output) = Tool.Run(args);
        Assert.Equal(2, exitCode);
        Assert.False(string.IsNullOrWhiteSpace(output), "a usage error must say what is wrong");
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_a_usage_error()
    {
        string file = Path.Combine(Tool.TempDirectory(), "notes.dll");
        File.WriteAllText(file, "not an assembly");
        var (exitCode, output) = Tool.Run("run", file);
        Assert.Equal(2, exitCode);
        Assert.Contains("not a .NET assembly", output);
    }

    [Fact]
    public void Fast_mode_runs_the_cores_random_direction_check()
    {
        var (exitCode, output) = Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-pass", "--mode", "fast", "--format", "console");
        Assert.Equal(0, exitCode);
        Assert.Contains("mode fast", output);
        // The planted bug is still caught and located in fast mode, through random directions and bisection.
        var (bugExit, bugOutput) = Tool.Run("demo", "--filter", "two-layer-network-planted-bug", "--mode", "fast", "--format", "console");
        Assert.Equal(0, bugExit);
        Assert.Contains("random directions failed", bugOutput);
        Assert.Contains("b1[0]: analytic -0.103229", bugOutput);
        Assert.Matches(@"--mode\s+fast", output);   // the reproduce command keeps what the user asked for (the long assembly path may wrap the line)
    }

    [Fact]
    public void Help_lists_the_commands_and_exits_0()
    {
        var (exitCode, output) = Tool.Run("--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("demo", output);
        Assert.Contains("run", output);
    }
}
