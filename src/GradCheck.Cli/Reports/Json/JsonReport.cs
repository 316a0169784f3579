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

    private static GroupDto ToGroup(CheckGroup g) => g.CheckReport switch
    {
        GradientReport r => WithEntries(g, r),
        TaylorReport t => WithoutEntries(g, GroupKinds.Taylor, t.ElementType, t.Direction.Count, t.FunctionValue) with { Taylor = ToTaylor(t) },
        DescentReport d => WithoutEntries(g, GroupKinds.Descent, d.ElementType, null, d.FunctionValue) with { Descent = ToDescent(d) },
        var other => WithoutEntries(g, GroupKinds.Other, null, null, null) with { Text = other.ToString() },
    };

    private static GroupDto WithEntries(CheckGroup g, GradientReport r)
    {
        var counts = VerdictCounts.Of(r);
        return new GroupDto(
            g.Name, g.Shape, r.Passed, OutcomeWord(r.Outcome), r.Summary, g.Diagnosis, r.ElementType, r.Method, r.Seed, r.Dimension, r.FunctionValue, r.FunctionNoise, r.FunctionEvaluations,
            new CountsDto(r.Entries.Count, counts.Ok, counts.Mismatch, counts.NonDifferentiable, counts.NonFinite, counts.Inconclusive),
            CheckedText.WorstRelativeError(r.Entries), r.Warnings, r.Entries.Select(ToEntry).ToArray(),
            GroupKinds.Entries, r.ContractFailures.Select(ToContractFailure).ToArray(), r.DirectionFailures.Select(ToDirectionFailure).ToArray(),
            Taylor: null, Descent: null, Text: null);
    }

    /// <summary>A group whose report has no entry table: what every report has, and null where a field describes entries.</summary>
    private static GroupDto WithoutEntries(CheckGroup g, string kind, string? elementType, int? dimension, double? functionValue)
    {
        var r = g.CheckReport;
        return new GroupDto(
            g.Name, g.Shape, r.Passed, OutcomeWord(r.Outcome), r.Summary, g.Diagnosis, elementType, r.Method, r.Seed, dimension, functionValue, FunctionNoise: null,
            r.FunctionEvaluations, Counts: null, WorstRelativeError: null, r.Warnings, Entries: [], kind, ContractFailures: [], DirectionFailures: [],
            Taylor: null, Descent: null, Text: null);
    }

    private static TaylorDto ToTaylor(TaylorReport t) => new(
        t.DirectionalDerivative, t.RequiredOrder, t.ConvergenceOrder, t.ObservedOrders, t.UndetectableError, t.Conclusion,
        t.Rows.Select(row => new TaylorRowDto(row.Step, row.FirstOrderRemainder, row.SecondOrderRemainder, row.NoiseFloor, row.Resolved, row.Order)).ToArray());

    private static DescentDto ToDescent(DescentReport d) => new(
        d.LossDecreased, d.LimitRatio, d.RatioTolerance, d.Conclusion,
        d.Rows.Select(row => new DescentRowDto(row.StepSize, row.LossChange, row.PredictedChange, row.Ratio, row.RatioNoise)).ToArray());

    private static ContractFailureDto ToContractFailure(ContractFailure c) =>
        new(c.Contract, c.Verdict.ToString(), c.Observed, c.Required, c.Entry.AbsoluteError, c.Tolerance);

    private static DirectionFailureDto ToDirectionFailure(DirectionFailure d) =>
        new(d.Direction, d.Entry.Label, d.Verdict.ToString(), d.Analytic, d.Numeric, d.Entry.AbsoluteError, d.Entry.ErrorEstimate, d.Tolerance, d.Entry.Evaluations);

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
