using System.Globalization;
using GradCheck.Cli.Reports;
using GradCheck.Cli.Running;

namespace GradCheck.Cli.Commands;

/// <summary>What the user asked for, after parsing: everything a report needs to say how to reproduce the run.</summary>
/// <param name="Command">"demo" or "run".</param>
/// <param name="Assembly">The assembly path as given, for <c>run</c>; null for the demo.</param>
/// <param name="Filters">Name globs; empty: all cases.</param>
/// <param name="Mode">The mode asked for.</param>
/// <param name="Seed">The seed given with --seed; null: the core's default.</param>
/// <param name="Formats">Formats to produce.</param>
/// <param name="Output">Directory for report files.</param>
internal sealed record CheckRequest(string Command, string? Assembly, IReadOnlyList<string> Filters, CheckMode Mode, int? Seed, ReportFormat Formats, string Output)
{
    /// <summary>--accept-inconclusive: every case runs with <see cref="CheckOptions.AcceptInconclusive"/>.</summary>
    public bool AcceptInconclusive { get; init; }

    public static CheckRequest From(string command, string? assembly, CheckSettings settings) =>
        new(command, assembly, settings.Filters, settings.Mode, settings.Seed, settings.ReportFormats, settings.Output) { AcceptInconclusive = settings.AcceptInconclusive };

    /// <summary>The mode actually run (the core's; kept apart from <see cref="Mode"/> in the JSON schema for compatibility).</summary>
    public CheckMode EffectiveMode => Mode;

    /// <summary>
    /// The command that reruns exactly these cases with the same seed and mode, from the same working directory: the
    /// assembly's path exactly as it was given (a relative path stays relative, so it carries no more of the machine
    /// than the user typed; a file name alone would fail "Assembly not found" wherever the .dll is not in the cwd).
    /// </summary>
    public string ReproduceCommand()
    {
        var parts = new List<string> { "gradcheck", Command };
        if (Assembly is not null) parts.Add(Quote(Assembly));
        foreach (var filter in Filters) parts.AddRange(["--filter", Quote(filter)]);
        parts.AddRange(["--mode", Mode.ToString().ToLowerInvariant()]);
        if (Seed is { } seed) parts.AddRange(["--seed", seed.ToString(CultureInfo.InvariantCulture)]);
        if (AcceptInconclusive) parts.Add("--accept-inconclusive");
        return string.Join(' ', parts);
    }

    private static string Quote(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || c is '*' or '?' or '\'' or '"') ? $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'" : value;
}
