using System.Text;
using GradCheck.Benchmarks.Report;
using GradCheck.Tests.Assurance;

namespace GradCheck.Benchmarks.Assurance;

/// <summary>
/// Section 5: how often each checker says PASS for what it did not check (random functions, jumps at the point,
/// derivatives drowned in rounding, a 5 % error in Half) and does not pass the controls it must pass.
/// </summary>
public static class FalseAssuranceSection
{
    public const string Heading = "## 5. False assurance: PASS for what was not checked";

    public sealed record Row(IAssuranceCase Case, IReadOnlyDictionary<Checker, CheckResult> Results)
    {
        /// <summary>PASS where the family must not pass, or anything but PASS on a control; false when the checker did not run.</summary>
        public bool IsWrong(Checker checker) =>
            Results.TryGetValue(checker, out var result) && (Case.Expected.MustPass() ? !result.Passed : result.Passed);
    }

    public sealed record Result(IReadOnlyList<Row> Rows, int Seeds, IReadOnlyList<int> Sizes)
    {
        public int Cases(bool controls) => Rows.Count(r => r.Case.Expected.MustPass() == controls);

        public int Wrong(Checker checker, bool controls) => Rows.Count(r => r.Case.Expected.MustPass() == controls && r.IsWrong(checker));

        public int Ran(Checker checker, bool controls) => Rows.Count(r => r.Case.Expected.MustPass() == controls && r.Results.ContainsKey(checker));
    }

    public static Result Measure(BenchmarkSettings settings)
    {
        var rows = AssuranceCorpus.Build(settings.AssuranceSeeds, settings.AssuranceSizes).Select(c => new Row(c,
            Checkers.All.Select(k => (Checker: k, Result: k.Run(c))).Where(r => r.Result is not null).ToDictionary(r => r.Checker, r => r.Result!))).ToArray();
        return new Result(rows, settings.AssuranceSeeds, settings.AssuranceSizes);
    }

    /// <summary>One line for the report's headline numbers.</summary>
    public static string Headline(Result result) =>
        $"- False assurance (section 5): PASS on cases that must not pass — "
        + string.Join(", ", Checkers.All.Select(k => $"{k.Name()} {result.Wrong(k, controls: false)} of {result.Ran(k, controls: false)}"))
        + $"; controls not passed — " + string.Join(", ", Checkers.All.Where(k => result.Ran(k, controls: true) > 0)
            .Select(k => $"{k.Name()} {result.Wrong(k, controls: true)} of {result.Ran(k, controls: true)}")) + ".";

    public static string Render(Result result)
    {
        var text = new StringBuilder();
        text.AppendLine(Heading);
        text.AppendLine();
        text.AppendLine($"The false-assurance corpus of the unit tests (`tests/GradCheck.Tests/Assurance/Corpus`), {result.Seeds} seeds × n ∈ {{{string.Join(", ", result.Sizes)}}},");
        text.AppendLine("three smooth base losses (softmax MLP, least squares, sum of tanh) with the correct gradient of their smooth part. A");
        text.AppendLine("checker must not say PASS on random functions, jumps at the point, derivatives drowned in rounding or a 5 % error in");
        text.AppendLine("Half, and must say PASS on the controls. Checkers: GradCheck's defaults in full and fast mode, `ModelCheck` on the");
        text.AppendLine("function as a two-tensor model (randomness families only), the classic central-difference check (h = 1e-3, flag when");
        text.AppendLine("|a−n|/max(|a|,|n|) > 1e-3) and PyTorch gradcheck's rule (h = 1e-6, flag when |a−n| > 1e-5 + 1e-3·|n|), the last two");
        text.AppendLine("as bare loops like section 2. An exception (`NonDeterministicFunctionException`) counts as refused, never as PASS.");
        text.AppendLine("Each checker gets a fresh instance of the function (the same random draws).");
        text.AppendLine();

        var summary = new MarkdownTable("checker", "PASS where it must not", "controls not passed");
        foreach (var checker in Checkers.All)
            summary.Add(checker.Name(), Count(result.Wrong(checker, false), result.Ran(checker, false)), Count(result.Wrong(checker, true), result.Ran(checker, true)));
        text.Append(summary);
        text.AppendLine();

        text.AppendLine("By family: wrong verdicts / cases (PASS on a refusal family, anything else on a control). GradCheck's outcomes as");
        text.AppendLine("P(assed) / F(ailed) / I(nconclusive) / R(efused); \"meets\" is the stricter expectation of the unit tests (jumps: Failed at");
        text.AppendLine("the jumping entry alone; drowned: Inconclusive).");
        text.AppendLine();
        var table = new MarkdownTable(["group", "family", "must", .. Checkers.All.Select(k => k.Name()), "full: P/F/I/R", "fast: P/F/I/R", "full, fast meet"]);
        foreach (var family in result.Rows.GroupBy(r => (r.Case.Group, r.Case.Family)))
        {
            var rows = family.ToArray();
            table.Add([family.Key.Group, family.Key.Family, rows[0].Case.Expected.MustPass() ? "pass" : "not pass",
                .. Checkers.All.Select(k => rows.Any(r => r.Results.ContainsKey(k)) ? Count(rows.Count(r => r.IsWrong(k)), rows.Length) : "–"),
                Outcomes(rows, Checker.GradCheckFull), Outcomes(rows, Checker.GradCheckFast),
                $"{Meets(rows, Checker.GradCheckFull)}, {Meets(rows, Checker.GradCheckFast)} / {rows.Length}"]);
        }
        text.Append(table);
        text.AppendLine();
        text.Append(ControlsNotPassed(result));
        return text.ToString();
    }

    /// <summary>The controls GradCheck did not pass, by name: each is a false alarm on a correct gradient worth a look.</summary>
    private static string ControlsNotPassed(Result result)
    {
        var text = new StringBuilder();
        foreach (var checker in new[] { Checker.GradCheckFull, Checker.GradCheckFast })
        {
            var missed = result.Rows.Where(r => r.Case.Expected.MustPass() && r.IsWrong(checker)).ToArray();
            text.AppendLine($"Controls {checker.Name()} did not pass:{(missed.Length == 0 ? " none." : "")}");
            foreach (var row in missed) text.AppendLine($"- {row.Case.Name}: {row.Results[checker]}");
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Count(int wrong, int of) => $"{Fmt.Int(wrong)} / {Fmt.Int(of)}";

    private static string Outcomes(IReadOnlyList<Row> rows, Checker checker) => string.Join(" / ",
        new CheckOutcome?[] { CheckOutcome.Passed, CheckOutcome.Failed, CheckOutcome.Inconclusive, null }
            .Select(outcome => Fmt.Int(rows.Count(r => r.Results[checker].Outcome == outcome))));

    private static string Meets(IReadOnlyList<Row> rows, Checker checker) =>
        Fmt.Int(rows.Count(r => r.Case.Expected.IsMetBy(r.Results[checker], r.Case.Entry)));
}
