using System.ComponentModel;
using GradCheck.Cli.Reports;
using GradCheck.Cli.Running;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GradCheck.Cli.Commands;

/// <summary>Options shared by <c>demo</c> and <c>run</c>.</summary>
internal class CheckSettings : CommandSettings
{
    [CommandOption("-f|--filter <GLOB>")]
    [Description("Run only cases whose name matches this glob (* and ?, case-insensitive). Repeatable: a case runs when any filter matches.")]
    public string[] Filters { get; init; } = [];

    [CommandOption("-m|--mode <MODE>")]
    [Description("full (every entry) or fast (a few random directional derivatives, wrong entries located by bisection; see docs/fast-mode.md). Applies to gradient, model and Jacobian cases; Taylor, descent and Hessian cases test directions anyway.")]
    [DefaultValue(CheckMode.Full)]
    public CheckMode Mode { get; init; } = CheckMode.Full;

    [CommandOption("-s|--seed <SEED>")]
    [Description("Seed for sampled coordinates and random directions (fast mode, the Taylor test's direction, the Hessian check's directions); it replaces a seed the case set itself and is recorded in the JSON report. Default: the core's fixed seed, or the case's own.")]
    public int? Seed { get; init; }

    [CommandOption("-o|--out <DIR>")]
    [Description("Directory for report.json, report.html and plots/*.png.")]
    [DefaultValue("gradcheck-report")]
    public string Output { get; init; } = "gradcheck-report";

    [CommandOption("--accept-inconclusive")]
    [Description("Count cases whose derivatives could not be resolved (INCONCLUSIVE) as passed, so they exit 0 instead of 4. The reports still say INCONCLUSIVE (accepted).")]
    public bool AcceptInconclusive { get; init; }

    [CommandOption("--format <FORMATS>")]
    [Description("console, json, html or all; repeatable or comma-separated. Default: all.")]
    public string[] Formats { get; init; } = [];

    /// <summary>The parsed <see cref="Formats"/>; valid after <see cref="Validate"/>.</summary>
    public ReportFormat ReportFormats =>
        Reports.ReportFormats.TryParse(Formats, out var formats, out _) ? formats : ReportFormat.None;

    public override ValidationResult Validate()
    {
        if (!Reports.ReportFormats.TryParse(Formats, out _, out var error)) return ValidationResult.Error(error);
        if (string.IsNullOrWhiteSpace(Output)) return ValidationResult.Error("--out needs a directory.");
        return ValidationResult.Success();
    }
}
