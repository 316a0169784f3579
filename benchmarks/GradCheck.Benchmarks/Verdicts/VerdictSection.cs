using System.Text;
using GradCheck.Benchmarks.Report;

namespace GradCheck.Benchmarks.Verdicts;

/// <summary>Section 2: false alarms and misses of the three rules on the same corpus, per case and per entry.</summary>
public static class VerdictSection
{
    public sealed record CaseResult(IVerdictCase Case, IReadOnlyDictionary<Rule, RuleOutcome> Outcomes)
    {
        /// <summary>A correct case with any flagged entry, or a buggy case with none.</summary>
        public bool IsWrong(Rule rule) => Case.IsCorrect ? Outcomes[rule].Flagged.Any(f => f) : !Outcomes[rule].Flagged.Any(f => f);

        public int FalseAlarmEntries(Rule rule) => Outcomes[rule].Flagged.Where((f, i) => f && !Case.Wrong[i]).Count();

        public int MissedEntries(Rule rule) => Outcomes[rule].Flagged.Where((f, i) => !f && Case.Wrong[i]).Count();
    }

    public sealed record Result(IReadOnlyList<CaseResult> Cases)
    {
        public int CorrectCases(string? precision = null) => Select(precision).Count(c => c.Case.IsCorrect);

        public int BuggyCases(string? precision = null) => Select(precision).Count(c => !c.Case.IsCorrect);

        public int FalseAlarms(Rule rule, string? precision = null) => Select(precision).Count(c => c.Case.IsCorrect && c.IsWrong(rule));

        public int Misses(Rule rule, string? precision = null) => Select(precision).Count(c => !c.Case.IsCorrect && c.IsWrong(rule));

        public IEnumerable<CaseResult> Select(string? precision) => Cases.Where(c => precision is null || c.Case.Precision == precision);
    }

    public static readonly Rule[] Rules = [Rule.GradCheck, Rule.Seed, Rule.PyTorch];

    public static string RuleName(Rule rule) => rule switch
    {
        Rule.GradCheck => "GradCheck defaults",
        Rule.Seed => "classic: h=1e-3, rel. error > 1e-3",
        _ => "PyTorch: h=1e-6, |a−n| > 1e-5 + 1e-3·|n|",
    };

    public static Result Measure(BenchmarkSettings settings) =>
        new(Corpus.Build(settings.CorpusSeeds).Select(c => new CaseResult(c, c.Run())).ToArray());

    public static string Render(Result result)
    {
        var text = new StringBuilder();
        text.AppendLine("## 2. Verdict quality: false alarms and misses");
        text.AppendLine();
        text.AppendLine($"A corpus of {result.Cases.Count} cases: {result.CorrectCases()} correct gradients and {result.BuggyCases()} with planted bugs, each judged by");
        text.AppendLine("three rules in the same run: GradCheck's defaults (adaptive differences, error budget), the classic central-difference rule (h = 1e-3,");
        text.AppendLine("flag when |a−n|/max(|a|,|n|) > 1e-3) and PyTorch gradcheck's default rule (central h = 1e-6, flag when");
        text.AppendLine("|a−n| > 1e-5 + 1e-3·|n|). The two fixed rules are bare loops like a hand-written `_numerical_grad`, in the element type; a");
        text.AppendLine("NaN difference counts as flagged. A *case* is a false alarm when a correct gradient gets any entry flagged, and a miss");
        text.AppendLine("when a buggy gradient gets none. Per *entry*: false alarms are flagged entries that are right (in any case), misses");
        text.AppendLine("are wrong entries (claimed ≠ exact by more than 1e-9 relative; float 1e-5) that are not flagged. PyTorch documents");
        text.AppendLine("gradcheck for float64 only; its float rows show what its rule does if run on float32 anyway.");
        text.AppendLine();

        var summary = new MarkdownTable("rule", "precision", "false alarms (cases)", "misses (cases)", "false-alarm entries", "missed entries", "evaluations");
        foreach (string? precision in new[] { "double", "float", null })
        {
            var cases = result.Select(precision).ToArray();
            int rightEntries = cases.Sum(c => c.Case.Wrong.Count(w => !w)), wrongEntries = cases.Sum(c => c.Case.Wrong.Count(w => w));
            foreach (var rule in Rules)
            {
                summary.Add(
                    precision is null ? $"**{RuleName(rule)}**" : RuleName(rule),
                    precision ?? "**all**",
                    $"{result.FalseAlarms(rule, precision)} / {result.CorrectCases(precision)}",
                    $"{result.Misses(rule, precision)} / {result.BuggyCases(precision)}",
                    $"{cases.Sum(c => c.FalseAlarmEntries(rule))} / {rightEntries}",
                    $"{cases.Sum(c => c.MissedEntries(rule))} / {wrongEntries}",
                    Fmt.Int(cases.Sum(c => (long)c.Outcomes[rule].Evaluations)));
            }
        }
        text.Append(summary);
        text.AppendLine();

        text.AppendLine("By group (cases the rule gets wrong / cases in the group):");
        text.AppendLine();
        var groups = new MarkdownTable(["group", "precision", "cases", .. Rules.Select(r => r.ToString())]);
        foreach (var group in result.Cases.GroupBy(c => (c.Case.Group, c.Case.Precision)).OrderBy(g => g.Key.Precision).ThenBy(g => g.Key.Group.StartsWith("bug", StringComparison.Ordinal) ? 1 : 0))
            groups.Add([group.Key.Group, group.Key.Precision, Fmt.Int(group.Count()), .. Rules.Select(r => Fmt.Int(group.Count(c => c.IsWrong(r))))]);
        text.Append(groups);
        text.AppendLine();

        text.AppendLine("Cases each rule gets wrong (FA: false alarm on a correct gradient; miss: bug not flagged):");
        text.AppendLine();
        foreach (var rule in Rules)
        {
            var wrong = result.Cases.Where(c => c.IsWrong(rule)).ToArray();
            text.AppendLine($"- **{RuleName(rule)}** ({wrong.Length}):{(wrong.Length == 0 ? " none" : "")}");
            foreach (var c in wrong.GroupBy(c => (c.Case.IsCorrect ? "FA" : "miss") + " " + c.Case.Precision + ": " + c.Case.Name + WarnedInconclusive(c, rule)).OrderBy(g => g.Key, StringComparer.Ordinal))
                text.AppendLine($"  - {c.Key}{(c.Count() > 1 ? $" (×{c.Count()} seeds)" : "")}");
        }
        text.AppendLine();
        return text.ToString();
    }

    /// <summary>" (warned: inconclusive)" when GradCheck missed a bug in an entry its report listed as unresolvable.</summary>
    private static string WarnedInconclusive(CaseResult c, Rule rule) =>
        !c.Case.IsCorrect && c.Outcomes[rule].Inconclusive is { } inconclusive && c.Case.Wrong.Where((w, i) => w && inconclusive[i]).Any()
            ? " (the report warned: entry inconclusive)"
            : "";
}
