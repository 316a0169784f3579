using GradCheck.Benchmarks.Assurance;
using GradCheck.Tests.Assurance;

namespace GradCheck.Benchmarks.Tests;

/// <summary>
/// Section 5 at --quick sizes, alone and through the command line: every checker and every family of the corpus has a
/// row, the counts add up, and ModelCheck runs the randomness families only. Structure, never GradCheck's verdicts
/// (those are the unit tests' job).
/// </summary>
public sealed class FalseAssuranceSmokeTests
{
    private static readonly FalseAssuranceSection.Result Result = FalseAssuranceSection.Measure(BenchmarkSettings.Smoke);

    private static readonly string Markdown = FalseAssuranceSection.Render(Result);

    [Fact]
    public void Every_checker_has_a_summary_row_counting_cases_of_both_kinds()
    {
        int refusal = Result.Cases(controls: false), controls = Result.Cases(controls: true);
        Assert.True(refusal > 0 && controls > 0);
        foreach (var checker in Checkers.All)
        {
            var row = Row($"| {checker.Name()} |");
            int ranRefusal = checker == Checker.ModelCheck ? Result.Rows.Count(r => r.Case.Group == RandomnessFamilies.Group) : refusal;
            Assert.Matches($@"^\d+ / {ranRefusal}$", row[1]);
            Assert.Matches($@"^\d+ / {(checker == Checker.ModelCheck ? 0 : controls)}$", row[2]);
        }
    }

    [Fact]
    public void Every_family_has_a_row_whose_outcomes_add_up_to_its_cases()
    {
        foreach (var family in Result.Rows.GroupBy(r => r.Case.Family))
        {
            var row = Row($"| {family.First().Case.Group} | {family.Key.Replace("|", "\\|", StringComparison.Ordinal)} |");
            int cases = family.Count();
            foreach (var cell in row[3..8].Where(c => c != "–")) Assert.Matches($@"^\d+ / {cases}$", cell);
            Assert.Equal(family.First().Case.Group == RandomnessFamilies.Group, row[5] != "–");
            foreach (var outcomes in row[8..10]) Assert.Equal(cases, outcomes.Split(" / ").Sum(int.Parse));
            Assert.EndsWith($" / {cases}", row[10], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_section_runs_alone_from_the_command_line()
    {
        string output = Path.Combine(Path.GetTempPath(), $"gradcheck-assurance-{Guid.NewGuid():N}.md");
        try
        {
            Assert.Equal(0, Cli.Run(["assurance", "--quick", "--out", output]));
            string text = File.ReadAllText(output);
            Assert.StartsWith(FalseAssuranceSection.Heading, text, StringComparison.Ordinal);
            Assert.Contains("- False assurance (section 5): PASS on cases that must not pass", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string[] Row(string start) => MarkdownRows.Row(Markdown, start);
}
