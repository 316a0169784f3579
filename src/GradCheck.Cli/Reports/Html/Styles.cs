namespace GradCheck.Cli.Reports.Html;

/// <summary>The report's inline stylesheet (kept apart from the markup so either can change alone).</summary>
internal static class Styles
{
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1100px; color: #222; background: #fff; }
        h1 { margin-bottom: 0.2em; }
        h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
        table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; }
        th { background: #f4f4f4; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; font-family: ui-monospace, monospace; }
        .good { color: #17692e; }
        .bad { color: #b00020; font-weight: 600; }
        .unsure { color: #8a5a00; font-weight: 600; }
        tr.failrow td { background: #fdecee; }
        .badge { font-size: 0.6em; padding: 0.15em 0.5em; border-radius: 0.6em; border: 1px solid currentColor; vertical-align: middle; }
        .meta { color: #666; font-size: 0.9em; }
        .verdict { font-size: 1.2em; }
        figure { margin: 1em 0; }
        figure img { width: 800px; max-width: 100%; border: 1px solid #eee; }
        figcaption { font-size: 0.9em; color: #444; max-width: 800px; }
        code { background: #f6f6f6; padding: 0 0.2em; }

        """;
}
