using System.Net;
using System.Text;
using GradCheck.Cli.Commands;
using GradCheck.Cli.Reports.Json;
using GradCheck.Cli.Reports.Plots;
using GradCheck.Cli.Running;

namespace GradCheck.Cli.Reports.Html;

/// <summary>
/// One self-contained HTML file per run: inline CSS, plots embedded as base64 PNG, no scripts and no external
/// resources, so it can be mailed, attached to a CI run or opened offline.
/// </summary>
internal static class HtmlReport
{
    private const int WorstEntriesShown = 10;

    /// <summary>Failing (or kinked) entries listed per group in the diagnosis: enough to see a pattern, few enough to read.</summary>
    private const int NotableEntriesShown = 10;

    public static string Render(CheckRequest request, RunResult result, IReadOnlyList<CasePlots> plots)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>gradcheck report</title>\n<style>\n")
            .Append(Styles.Css).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>gradcheck report</h1>\n");
        Summary(html, request, result);
        foreach (var casePlots in plots) Case(html, casePlots);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, CheckRequest request, RunResult result)
    {
        int unexpected = result.Cases.Count(c => c.Unexpected);
        int inconclusive = result.Cases.Count(c => c.Inconclusive && !c.AsExpected);
        html.Append("<p class=\"verdict ").Append(
            unexpected > 0 ? "bad\">" + unexpected + " of " + result.Cases.Count + " cases did not end as expected" + (inconclusive > 0 ? ", " + inconclusive + " inconclusive" : "")
            : inconclusive > 0 ? "unsure\">" + inconclusive + " of " + result.Cases.Count + " cases were inconclusive (nothing failed, but their derivatives were not resolved)"
            : "good\">All " + result.Cases.Count + " cases ended as expected").Append($" (exit code {result.ExitCode})</p>\n");
        html.Append("<p class=\"meta\">").Append(E($"gradcheck {JsonReport.ToolVersion()} · mode {request.EffectiveMode.ToString().ToLowerInvariant()} · seed {(request.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default")}"))
            .Append("<br>reproduce: <code>").Append(E(request.ReproduceCommand())).Append("</code></p>\n");
        html.Append("<table>\n<tr><th>case</th><th>result</th><th>expected</th><th>groups</th><th>entries</th><th>evaluations</th><th>worst rel error</th></tr>\n");
        foreach (var c in result.Cases)
        {
            html.Append("<tr><td><a href=\"#").Append(Anchor(c)).Append("\">").Append(E(c.Name)).Append("</a></td>")
                .Append(ResultCell(c))
                .Append("<td>").Append(c.Case.ExpectFailure ? "failure" : "pass").Append("</td>")
                .Append(Num(c.Result?.Groups.Count ?? 0)).Append(Cell(CheckedText.Checked(c))).Append(Num(c.FunctionEvaluations))
                .Append(Cell(CheckedText.WorstRelativeError(c)))
                .Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Case(StringBuilder html, CasePlots casePlots)
    {
        var c = casePlots.Case;
        html.Append("<section id=\"").Append(Anchor(c)).Append("\">\n<h2>").Append(E(c.Name)).Append(' ').Append(Badge(c)).Append("</h2>\n");
        if (c.Case.Description is { } description) html.Append("<p class=\"meta\">").Append(E(description)).Append("</p>\n");
        html.Append("<p class=\"meta\">declared in <code>").Append(E(c.Case.Source)).Append("</code></p>\n");
        if (c.Error is { } error)
        {
            html.Append("<p class=\"bad\">").Append(E(error)).Append("</p>\n</section>\n");
            return;
        }
        Groups(html, c.Result!);
        foreach (var group in c.Result!.Groups) Details(html, group);
        if (c.Entries.Any()) Worst(html, c);
        Diagnosis(html, c);
        foreach (var plot in casePlots.Images)
        {
            html.Append("<figure><img alt=\"").Append(E(plot.Title)).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(plot.Png)).Append("\"><figcaption><b>").Append(E(plot.Title)).Append(".</b> ")
                .Append(E(plot.Caption)).Append(" <span class=\"meta\">(plots/").Append(E(plot.FileName)).Append(")</span></figcaption></figure>\n");
        }
        html.Append("</section>\n");
    }

    private static void Groups(StringBuilder html, CheckCaseResult result)
    {
        html.Append("<table>\n<tr><th>group</th><th>shape</th><th>checked</th><th>ok</th><th>mismatch</th><th>kink</th><th>non-finite</th><th>inconclusive</th><th>worst rel error</th><th>evaluations</th><th>result</th></tr>\n");
        foreach (var g in result.Groups)
        {
            var n = g.EntryReport() is { } r ? VerdictCounts.Of(r) : null;
            html.Append("<tr><td>").Append(E(g.Name)).Append("</td><td>").Append(E(Numbers.Shape(g.Shape))).Append("</td>")
                .Append(Cell(CheckedText.Checked(g)))
                .Append(n is null ? string.Concat(Enumerable.Repeat(Cell(CheckedText.None), 5))
                    : Cell(CheckedText.Count(g, n.Ok)) + Num(n.Mismatch) + Num(n.NonDifferentiable) + Num(n.NonFinite) + Num(n.Inconclusive))
                .Append(Cell(CheckedText.WorstRelativeError(g))).Append(Num(g.CheckReport.FunctionEvaluations))
                .Append(g.CheckReport.Outcome switch
                {
                    CheckOutcome.Passed => "<td class=\"good\">ok</td>",
                    CheckOutcome.Failed => "<td class=\"bad\">FAILED</td>",
                    _ => "<td class=\"unsure\">INCONCLUSIVE</td>",
                }).Append("</tr>\n");
        }
        html.Append("</table>\n");
        foreach (var line in result.Groups.Select(CheckedText.FastLine).OfType<string>()) html.Append("<p class=\"meta\">").Append(E(line)).Append("</p>\n");
        // One line per method: a case whose groups were checked differently (a gradient and a Taylor test) shows both.
        foreach (var method in result.Groups.Select(g => g.CheckReport.Method).Distinct()) html.Append("<p class=\"meta\">method: ").Append(E(method)).Append("</p>\n");
    }

    /// <summary>A group without an entry table (Taylor, descent, another check's report): its summary, rows and notes.</summary>
    private static void Details(StringBuilder html, CheckGroup group)
    {
        if (CheckDetails.Of(group) is not { } details) return;
        html.Append("<h3>").Append(E(group.Name)).Append("</h3>\n<p>").Append(E(details.Summary)).Append("</p>\n");
        if (details.Rows.Count > 0)
        {
            html.Append("<table>\n<tr>");
            foreach (var header in details.Header) html.Append("<th>").Append(E(header)).Append("</th>");
            html.Append("</tr>\n");
            foreach (var row in details.Rows)
            {
                html.Append("<tr>");
                foreach (var cell in row) html.Append(Cell(cell));
                html.Append("</tr>\n");
            }
            html.Append("</table>\n");
        }
        if (details.Notes.Count > 0) html.Append("<pre class=\"meta\">").Append(E(string.Join("\n", details.Notes))).Append("</pre>\n");
    }

    private static void Worst(StringBuilder html, CaseOutcome c)
    {
        html.Append("<h3>Worst entries</h3>\n<table>\n<tr><th>entry</th><th>analytic</th><th>numeric</th><th>abs error</th><th>rel error</th><th>error estimate</th><th>abs tolerance</th><th>step</th><th>evaluations</th><th>verdict</th></tr>\n");
        foreach (var (_, e) in Ranking.Worst(c.Entries).Take(WorstEntriesShown))
        {
            html.Append("<tr").Append(e.IsFailure ? " class=\"failrow\"" : "").Append("><td>").Append(E(e.Label)).Append("</td>")
                .Append(Num(e.Analytic)).Append(Num(e.Numeric)).Append(Num(e.AbsoluteError)).Append(Num(e.RelativeError))
                .Append(Num(e.ErrorEstimate)).Append(Num(e.Tolerance)).Append(Num(e.Step)).Append(Num(e.Evaluations))
                .Append("<td>").Append(E(e.Verdict.ToString())).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Diagnosis(StringBuilder html, CaseOutcome c)
    {
        var lines = c.Result!.Groups.Where(g => g.Diagnosis is not null).Select(g => $"{g.Name}: {g.Diagnosis}")
            .Concat(c.Result!.Groups.SelectMany(NotableEntries))
            .Concat(c.Result!.Groups.SelectMany(g => g.ContractFailures().Select(f => $"({g.Name}) {Reports.Diagnosis.Describe(f)}")))
            .Concat(c.Result!.Groups.SelectMany(g => g.DirectionFailures().Select(f => $"({g.Name}) {Reports.Diagnosis.Describe(f)}")))
            .Concat(c.Result!.Groups.SelectMany(g => g.CheckReport.Warnings.Select(w => $"warning ({g.Name}): {w}")))
            .ToList();
        if (lines.Count == 0) return;
        html.Append("<h3>Diagnosis</h3>\n<ul>\n");
        foreach (var line in lines) html.Append("<li>").Append(E(line)).Append("</li>\n");
        html.Append("</ul>\n");
    }

    /// <summary>
    /// A group's failing entries and kinks, worst first: the first <see cref="NotableEntriesShown"/>, then a count of the
    /// rest (a tensor with 119 wrong entries would otherwise bury the diagnosis and the warnings under 119 lines).
    /// </summary>
    private static IEnumerable<string> NotableEntries(CheckGroup group)
    {
        var notable = Ranking.Worst(group.Entries().Select(e => (group, e)))
            .Where(x => x.Entry.IsFailure || x.Entry.Verdict == EntryVerdict.NonDifferentiable).Select(x => x.Entry).ToList();
        foreach (var entry in notable.Take(NotableEntriesShown)) yield return Reports.Diagnosis.Describe(entry);
        if (notable.Count > NotableEntriesShown)
            yield return $"… and {notable.Count - NotableEntriesShown} more {(notable.All(e => e.IsFailure) ? "failing entries" : "failing or kinked entries")} in {group.Name}";
    }

    private static string ResultCell(CaseOutcome c) => $"<td class=\"{Css(c)}\">{c.Outcome}{(c.Case.ExpectFailure && c.AsExpected ? " (expected)" : "")}</td>";

    private static string Badge(CaseOutcome c) =>
        $"<span class=\"badge {Css(c)}\">{c.Outcome}{(c.Case.ExpectFailure ? (c.AsExpected ? " (expected)" : " (a failure was expected)") : "")}</span>";

    /// <summary>Green as expected, amber inconclusive (nothing checked, nothing wrong found), red otherwise.</summary>
    private static string Css(CaseOutcome c) => c.AsExpected ? "good" : c.Inconclusive ? "unsure" : "bad";

    private static string Anchor(CaseOutcome c) => "case-" + new string(c.Name.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());

    private static string Num(double value) => Cell(Numbers.Format(value));

    private static string Num(int value) => "<td class=\"num\">" + Numbers.Format(value) + "</td>";

    private static string Cell(string text) => "<td class=\"num\">" + E(text) + "</td>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
