using System.Reflection;
using System.Text.Json;
using GradCheck.Cli.Commands;
using GradCheck.Cli.Running;

namespace GradCheck.Cli.Reports.Json;

/// <summary>Maps a run to the JSON report. Deterministic: the same run with the same seed gives the same bytes (no timestamps, no paths).</summary>
internal static class JsonReport
{
    public static string Serialize(CheckRequest request, RunResult result) =>
        JsonSerializer.Serialize(ToDocument(request, result), ReportJsonContext.Default.ReportDocument) + "\n";

    public static ReportDocument ToDocument(CheckRequest request, RunResult result) => new(
        ReportDocument.CurrentSchemaVersion,
        Tool: "gradcheck",
        ToolVersion: ToolVersion(),
        request.Command,
        new RunOptionsDto(
            request.Assembly is null ? null : Path.GetFileName(request.Assembly),
            request.Filters,
            request.Mode.ToString().ToLowerInvariant(),
            request.EffectiveMode.ToString().ToLowerInvariant(),
            request.Seed,
            ReportFormats.Names(request.Formats)),
        request.ReproduceCommand(),
        Passed: result.Cases.All(c => c.Passed),
        result.ExitCode,
        new SummaryDto(
            result.Cases.Count,
            result.Cases.Count(c => c.Outcome == "passed"),
            result.Cases.Count(c => c.Outcome == "failed"),
            result.Cases.Count(c => c.Outcome == "error"),
            result.Cases.Count(c => c.Outcome == "inconclusive"),
            result.Cases.Count(c => c.Case.ExpectFailure && c.AsExpected),
            result.Cases.Count(c => c.Unexpected),
            result.Cases.Sum(c => c.FunctionEvaluations)),
        result.Cases.Select(ToCase).ToArray());

    /// <summary>The informational version without the commit hash the SDK appends (+sha), which changes every commit.</summary>
    public static string ToolVersion()
    {
        string version = typeof(JsonReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    private static CaseDto ToCase(CaseOutcome c) => new(
        c.Name, c.Case.Description, c.Case.Source, c.Case.ExpectFailure, c.Outcome, c.AsExpected, c.Error, c.FunctionEvaluations,
        c.Result?.Groups.Select(ToGroup).ToArray() ?? []);

    private static GroupDto ToGroup(CheckGroup g)
    {
        var r = g.Report;
        var counts = VerdictCounts.Of(r);
        return new GroupDto(
            g.Name, g.Shape, r.Passed, OutcomeWord(r.Outcome), r.Summary, g.Diagnosis, r.ElementType, r.Method, r.Seed, r.Dimension, r.FunctionValue, r.FunctionNoise, r.FunctionEvaluations,
            new CountsDto(r.Rows().Count, counts.Ok, counts.Mismatch, counts.NonDifferentiable, counts.NonFinite, counts.Inconclusive),
            r.WorstRelativeError, r.Warnings, r.Rows().Select(ToEntry).ToArray());
    }

    /// <summary>The group's outcome in the words the case outcome uses.</summary>
    private static string OutcomeWord(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "passed",
        CheckOutcome.Failed => "failed",
        _ => "inconclusive",
    };

    private static EntryDto ToEntry(EntryResult e) => new(
        e.Index, e.Label, e.Verdict.ToString(), e.Analytic, e.Numeric, e.AbsoluteError, e.RelativeError, e.ErrorEstimate, e.Tolerance,
        e.Step, e.Evaluations, e.LeftDerivative, e.RightDerivative, e.IsInconclusive);
}
