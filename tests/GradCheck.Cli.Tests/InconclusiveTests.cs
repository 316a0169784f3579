using System.Text.Json;
using GradCheck.Cli.Tests.Support;

namespace GradCheck.Cli.Tests;

/// <summary>An inconclusive case is neither a pass (0) nor a bug found (1): its own word in every report, exit code 4.</summary>
public class InconclusiveTests
{
    private static (int ExitCode, string Output, JsonElement Json, string Html) Run(params string[] filters)
    {
        string dir = Tool.TempDirectory();
        var (exitCode, output) = Tool.Run(["run", Tool.FixtureAssembly, .. filters.SelectMany(f => new[] { "--filter", f }), "--format", "all", "--out", dir]);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        return (exitCode, output, doc.RootElement.Clone(), File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public void An_inconclusive_case_exits_4_and_says_INCONCLUSIVE_everywhere()
    {
        var (exitCode, output, json, html) = Run("fixture-drowned");

        Assert.Equal(4, exitCode);
        Assert.Contains("INCONCLUSIVE", output);
        Assert.Contains("1 of 1 cases were inconclusive", output);
        Assert.DoesNotContain("PASSED", output);
        Assert.Equal(4, json.GetProperty("exitCode").GetInt32());
        Assert.False(json.GetProperty("passed").GetBoolean());
        var summary = json.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("inconclusive").GetInt32());
        Assert.Equal(0, summary.GetProperty("passed").GetInt32());
        Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        Assert.Equal(0, summary.GetProperty("unexpected").GetInt32());
        var c = json.GetProperty("cases")[0];
        Assert.Equal("inconclusive", c.GetProperty("outcome").GetString());
        Assert.False(c.GetProperty("asExpected").GetBoolean());
        var group = c.GetProperty("groups")[0];
        Assert.Equal("inconclusive", group.GetProperty("outcome").GetString());
        Assert.StartsWith("INCONCLUSIVE", group.GetProperty("summary").GetString());
        Assert.Equal(2, group.GetProperty("counts").GetProperty("inconclusive").GetInt32());
        Assert.Contains("<span class=\"badge unsure\">inconclusive</span>", html);
        Assert.Contains("<td class=\"unsure\">INCONCLUSIVE</td>", html);
        Assert.Contains("(exit code 4)", html);
    }

    [Fact]
    public void A_case_whose_options_accept_inconclusive_entries_ends_as_expected()
    {
        var (exitCode, output, json, _) = Run("fixture-accepted-drowned");

        Assert.Equal(0, exitCode);
        Assert.Contains("INCONCLUSIVE (accepted)", output);
        var c = json.GetProperty("cases")[0];
        Assert.Equal("inconclusive", c.GetProperty("outcome").GetString());
        Assert.True(c.GetProperty("asExpected").GetBoolean());
    }

    [Fact]
    public void Accept_inconclusive_on_the_command_line_exits_0_and_still_says_inconclusive()
    {
        string dir = Tool.TempDirectory();
        var (exitCode, output) = Tool.Run(["run", Tool.FixtureAssembly, "--filter", "fixture-drowned", "--accept-inconclusive", "--format", "console", "--format", "json", "--out", dir]);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        var json = doc.RootElement;

        Assert.Equal(0, exitCode);
        Assert.Contains("INCONCLUSIVE (accepted)", output);
        Assert.Equal("inconclusive", json.GetProperty("cases")[0].GetProperty("outcome").GetString());
        Assert.True(json.GetProperty("cases")[0].GetProperty("asExpected").GetBoolean());
        Assert.EndsWith("--accept-inconclusive", json.GetProperty("reproduce").GetString());
    }

    [Fact]
    public void A_failure_outranks_an_inconclusive_case()
    {
        var (exitCode, _, json, _) = Run("fixture-drowned", "fixture-bug");

        Assert.Equal(1, exitCode);
        var summary = json.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("inconclusive").GetInt32());
        Assert.Equal(1, summary.GetProperty("failed").GetInt32());
        Assert.Equal(1, summary.GetProperty("unexpected").GetInt32());
    }

    [Fact]
    public void A_planted_bug_the_check_cannot_resolve_is_inconclusive_not_caught()
    {
        var (exitCode, _, json, _) = Run("fixture-drowned-planted");

        Assert.Equal(4, exitCode);
        var c = json.GetProperty("cases")[0];
        Assert.Equal("inconclusive", c.GetProperty("outcome").GetString());
        Assert.False(c.GetProperty("asExpected").GetBoolean());
        Assert.Equal(0, json.GetProperty("summary").GetProperty("expectedFailures").GetInt32());
    }
}
