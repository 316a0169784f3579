using System.Text.Json;
using GradCheck.Cli.Tests.Support;

namespace GradCheck.Cli.Tests;

/// <summary>
/// Issue 13: every check kind runs as a case (<see cref="CheckKindFixtures"/>): its verdict decides the exit code as a
/// gradient case's does, the console shows the rows of checks without an entry table, and the JSON gives each group
/// its kind with the fields that describe it.
/// </summary>
public class CheckKindTests
{
    private static (int ExitCode, string Output, JsonElement Json) Run(string filter, params string[] extra)
    {
        string dir = Tool.TempDirectory();
        var (exitCode, output) = Tool.Run(["run", Tool.FixtureAssembly, "--filter", filter, "--format", "console,json", "--out", dir, .. extra]);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        return (exitCode, output, doc.RootElement.Clone());
    }

    private static JsonElement Group(JsonElement json) => json.GetProperty("cases")[0].GetProperty("groups").EnumerateArray().Single();

    private static string GroupRow(string output, string name) =>
        output.Split('\n').Single(l => l.Contains($"│ {name} ", StringComparison.Ordinal) && l.Contains('[', StringComparison.Ordinal));

    [Fact]
    public void A_passing_Taylor_case_exits_0_and_shows_its_remainders_instead_of_entries()
    {
        var (exitCode, output, json) = Run("kinds-taylor-pass", "--seed", "42");

        Assert.Equal(0, exitCode);
        Assert.Matches(@"│ kinds-taylor-pass │ \[2\]\s+│\s+– │\s+– │\s+– │\s+– │\s+– │\s+– │\s+\d+ │ ok\s+│", GroupRow(output, "kinds-taylor-pass"));
        Assert.Contains("kinds-taylor-pass: Taylor test PASSED", output);
        Assert.Contains("|f(x+hd)−f(x)−h·g·d|", output);
        Assert.DoesNotContain("worst entries", output);

        var group = Group(json);
        Assert.Equal("taylor", group.GetProperty("kind").GetString());
        Assert.Equal("passed", group.GetProperty("outcome").GetString());
        Assert.Equal(42, group.GetProperty("seed").GetInt32());            // the runner's seed drew the direction
        Assert.Equal(JsonValueKind.Null, group.GetProperty("counts").ValueKind);
        Assert.Equal(0, group.GetProperty("entries").GetArrayLength());
        var taylor = group.GetProperty("taylor");
        Assert.True(taylor.GetProperty("rows").GetArrayLength() >= 3);
        // f has curvature along any direction, so a right gradient's remainder shrinks at order 2.
        Assert.InRange(taylor.GetProperty("convergenceOrder").GetDouble(), 1.8, 2.2);
        Assert.Equal(JsonValueKind.Null, group.GetProperty("descent").ValueKind);
    }

    [Fact]
    public void A_wrong_gradient_fails_the_Taylor_case_exit_1_unless_the_failure_was_planted()
    {
        var (planted, plantedOutput, _) = Run("kinds-taylor-bug");
        var (unexpected, output, json) = Run("kinds-taylor-unexpected-bug");

        Assert.Equal(0, planted);
        Assert.Contains("FAILED (expected)", plantedOutput);
        Assert.Equal(1, unexpected);
        Assert.Contains("kinds-taylor-unexpected-bug: Taylor test FAILED", output);
        var group = Group(json);
        Assert.Equal("failed", group.GetProperty("outcome").GetString());
        // A wrong g·d leaves a first-order term in the remainder: order 1, far from the 1.8 required.
        Assert.InRange(group.GetProperty("taylor").GetProperty("convergenceOrder").GetDouble(), 0.8, 1.3);
        Assert.Equal(1, json.GetProperty("summary").GetProperty("failed").GetInt32());
        Assert.Equal(1, json.GetProperty("summary").GetProperty("unexpected").GetInt32());
    }

    [Fact]
    public void An_inconclusive_Taylor_case_exits_4_and_0_when_the_command_line_accepts_it()
    {
        var (exitCode, output, json) = Run("kinds-taylor-drowned");
        var (accepted, acceptedOutput, _) = Run("kinds-taylor-drowned", "--accept-inconclusive");

        Assert.Equal(4, exitCode);
        Assert.Contains("1 of 1 cases were inconclusive", output);
        Assert.Equal("inconclusive", Group(json).GetProperty("outcome").GetString());
        Assert.Equal(1, json.GetProperty("summary").GetProperty("inconclusive").GetInt32());
        Assert.Equal(0, accepted);
        Assert.Contains("INCONCLUSIVE (accepted)", acceptedOutput);
    }

    [Fact]
    public void Descent_cases_show_the_loss_changes_and_the_extrapolated_ratio()
    {
        var (passExit, passOutput, pass) = Run("kinds-descent-pass");
        var (bugExit, bugOutput, bug) = Run("kinds-descent-bug");

        Assert.Equal(0, passExit);
        Assert.Contains("kinds-descent-pass: Descent check PASSED", passOutput);
        Assert.Contains("predicted −η|g|²", passOutput);
        var passGroup = Group(pass);
        Assert.Equal("descent", passGroup.GetProperty("kind").GetString());
        // The ratio (loss change)/(−η|g|²) tends to ∇f·g/|g|²: 1 for g = ∇f, 2 for g = ∇f/2.
        Assert.Equal(1.0, passGroup.GetProperty("descent").GetProperty("limitRatio").GetDouble(), 3);
        Assert.True(passGroup.GetProperty("descent").GetProperty("lossDecreased").GetBoolean());

        Assert.Equal(0, bugExit);                                   // a planted bug, caught
        Assert.Contains("FAILED (expected)", bugOutput);
        var bugGroup = Group(bug);
        Assert.Equal("failed", bugGroup.GetProperty("outcome").GetString());
        Assert.Equal(2.0, bugGroup.GetProperty("descent").GetProperty("limitRatio").GetDouble(), 2);
        Assert.True(bugGroup.GetProperty("descent").GetProperty("lossDecreased").GetBoolean());   // the classic check alone would pass it
        Assert.True(bugGroup.GetProperty("descent").GetProperty("rows").GetArrayLength() >= 3);
    }

    [Fact]
    public void Jacobian_cases_have_an_entry_per_output_and_input_and_name_the_wrong_one()
    {
        var (passExit, _, pass) = Run("kinds-jacobian-pass");
        var (bugExit, bugOutput, bug) = Run("kinds-jacobian-bug");

        Assert.Equal(0, passExit);
        var passGroup = Group(pass);
        Assert.Equal("entries", passGroup.GetProperty("kind").GetString());
        Assert.Equal([3, 2], passGroup.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(6, passGroup.GetProperty("entries").GetArrayLength());
        Assert.Equal(6, passGroup.GetProperty("counts").GetProperty("ok").GetInt32());

        Assert.Equal(0, bugExit);
        Assert.Contains("FAILED (expected)", bugOutput);
        var wrong = Group(bug).GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("verdict").GetString() != "Ok");
        Assert.Equal(2 * 2 + 1, wrong.GetProperty("index").GetInt32());            // output 2, input 1
        Assert.Equal(-0.4, wrong.GetProperty("analytic").GetDouble(), 12);          // the claimed x₁
        Assert.Equal(-0.8, wrong.GetProperty("numeric").GetDouble(), 6);            // ∂(x₁²)/∂x₁ = 2x₁
    }

    [Fact]
    public void A_broken_backward_contract_is_listed_as_a_contract_failure_not_as_an_entry()
    {
        var (exitCode, output, json) = Run("kinds-vjp-contract");

        Assert.Equal(0, exitCode);                                  // planted, and caught
        Assert.Contains("contract broken: vjp(x, 0) = 0", output);
        var group = Group(json);
        Assert.Equal("failed", group.GetProperty("outcome").GetString());
        var contracts = group.GetProperty("contractFailures").EnumerateArray().ToList();
        var zero = contracts.Single(c => c.GetProperty("contract").GetString() == "vjp(x, 0) = 0");
        Assert.Equal(1e-3, zero.GetProperty("observed").GetDouble(), 12);          // what the product gave for v = 0
        Assert.Equal(0.0, zero.GetProperty("required").GetDouble());
        var entries = group.GetProperty("entries").EnumerateArray().ToList();
        Assert.All(entries, e => Assert.InRange(e.GetProperty("index").GetInt32(), 0, 5));
        Assert.DoesNotContain(entries, e => e.GetProperty("name").GetString()!.StartsWith("contract", StringComparison.Ordinal));
        Assert.Equal(entries.Count, group.GetProperty("counts").GetProperty("checked").GetInt32());
        Assert.Equal(0, group.GetProperty("directionFailures").GetArrayLength());
    }

    [Fact]
    public void Hessian_cases_check_each_component_of_H_times_v()
    {
        var (passExit, _, pass) = Run("kinds-hessian-pass", "--seed", "7");
        var (bugExit, _, bug) = Run("kinds-hessian-bug");

        Assert.Equal(0, passExit);
        var passGroup = Group(pass);
        Assert.Equal([2, 2], passGroup.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));   // 2 directions × 2 components
        Assert.Equal(4, passGroup.GetProperty("counts").GetProperty("ok").GetInt32());
        Assert.Equal(7, passGroup.GetProperty("seed").GetInt32());

        Assert.Equal(0, bugExit);
        var wrong = Group(bug).GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("verdict").GetString() != "Ok");
        Assert.Equal("(H·v2)[1]", wrong.GetProperty("name").GetString());
        Assert.Equal(-1.2, wrong.GetProperty("analytic").GetDouble(), 12);          // the claimed 3x₁
        Assert.Equal(-2.4, wrong.GetProperty("numeric").GetDouble(), 6);            // ∂²f/∂x₁² = 6x₁
    }

    [Fact]
    public void A_report_of_a_kind_the_tool_does_not_know_shows_its_summary_and_text()
    {
        var (exitCode, output, json) = Run("kinds-other-report");

        Assert.Equal(0, exitCode);
        Assert.Contains("FAILED (expected)", output);
        Assert.Contains("fc1.weight", output);                      // the model report's own text names the wrong tensor
        var group = Group(json);
        Assert.Equal("other", group.GetProperty("kind").GetString());
        Assert.Equal("failed", group.GetProperty("outcome").GetString());
        Assert.Contains("fc1.weight", group.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, group.GetProperty("counts").ValueKind);
    }

    [Fact]
    public void Every_kind_together_ends_as_declared_but_the_unexpected_failure_and_the_inconclusive_case()
    {
        var (exitCode, _, json) = Run("kinds-*");

        Assert.Equal(1, exitCode);
        var summary = json.GetProperty("summary");
        Assert.Equal(12, summary.GetProperty("cases").GetInt32());
        Assert.Equal(1, summary.GetProperty("unexpected").GetInt32());           // kinds-taylor-unexpected-bug
        Assert.Equal(1, summary.GetProperty("inconclusive").GetInt32());         // kinds-taylor-drowned
        Assert.Equal(6, summary.GetProperty("expectedFailures").GetInt32());
        Assert.Equal(0, summary.GetProperty("errors").GetInt32());
    }

    [Fact]
    public void Every_json_property_of_every_kind_is_documented_in_the_schema()
    {
        var (_, _, json) = Run("kinds-*");
        string schema = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "report-schema.md"));
        var names = new SortedSet<string>(StringComparer.Ordinal);
        JsonReportTests.Collect(json, names);
        Assert.Contains("taylor", names);
        Assert.Contains("ratioNoise", names);
        Assert.Contains("required", names);
        var undocumented = names.Where(n => !schema.Contains($"`{n}`", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, "undocumented in docs/report-schema.md: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void Run_help_names_every_check_kind_a_case_can_be()
    {
        var (exitCode, output) = Tool.Run("run", "--help");
        string help = output.Replace("\n", " ");

        Assert.Equal(0, exitCode);
        foreach (string kind in new[] { "Jacobian", "Hessian", "Taylor", "descent", "whole-model", "CheckCase.Create" })
            Assert.Contains(kind, help, StringComparison.Ordinal);
        Assert.Contains("fast", help, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_report_shows_the_rows_of_a_Taylor_case_and_draws_no_entry_plots_for_it()
    {
        string dir = Tool.TempDirectory();
        var (exitCode, _) = Tool.Run("run", Tool.FixtureAssembly, "--filter", "kinds-taylor-pass", "--format", "html", "--out", dir);

        Assert.Equal(0, exitCode);
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("<h3>kinds-taylor-pass</h3>", html);
        Assert.Contains("Taylor test PASSED", html);
        Assert.DoesNotContain("<h3>Worst entries</h3>", html);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, "plots"), "*.png"));
    }
}
