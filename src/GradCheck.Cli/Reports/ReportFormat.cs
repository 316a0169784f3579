namespace GradCheck.Cli.Reports;

/// <summary>Output formats; any combination can be written in one run.</summary>
[Flags]
internal enum ReportFormat
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Tables on the console.</summary>
    Console = 1,

    /// <summary><c>report.json</c> in the output directory (schema: docs/report-schema.md).</summary>
    Json = 2,

    /// <summary><c>report.html</c> with embedded plots, and the plots as PNG files.</summary>
    Html = 4,

    /// <summary>All formats: the default.</summary>
    All = Console | Json | Html,
}

/// <summary>Parses <c>--format</c> values: repeatable, each a comma-separated list.</summary>
internal static class ReportFormats
{
    public static bool TryParse(IEnumerable<string> values, out ReportFormat formats, out string? error)
    {
        formats = ReportFormat.None;
        error = null;
        foreach (var part in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            ReportFormat? format = part.ToLowerInvariant() switch
            {
                "console" => ReportFormat.Console,
                "json" => ReportFormat.Json,
                "html" => ReportFormat.Html,
                "all" => ReportFormat.All,
                _ => null,
            };
            if (format is null)
            {
                error = $"Unknown format '{part}'. Use console, json, html or all (repeat --format or separate with commas).";
                return false;
            }
            formats |= format.Value;
        }
        if (formats == ReportFormat.None) formats = ReportFormat.All;
        return true;
    }

    /// <summary>The formats as lower-case names, in a fixed order (for JSON and reproduce commands).</summary>
    public static IReadOnlyList<string> Names(ReportFormat formats) =>
        new[] { ReportFormat.Console, ReportFormat.Json, ReportFormat.Html }
            .Where(f => formats.HasFlag(f)).Select(f => f.ToString().ToLowerInvariant()).ToArray();
}
