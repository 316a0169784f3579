using System.Text;

namespace GradCheck.Reporting;

/// <summary>Right-aligned plain-text columns for the reports of the descent and Taylor tests.</summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Select(r => r[c].Length).DefaultIfEmpty(0).Max())).ToArray();
        var text = new StringBuilder();
        text.AppendLine(Line(header, widths));
        foreach (var row in rows) text.AppendLine(Line(row, widths));
        return text.ToString();
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        "  " + string.Join("  ", cells.Select((c, i) => c.PadLeft(widths[i])));
}
