using System.Globalization;
using System.Text;

namespace GradCheck.Benchmarks.Report;

/// <summary>A Markdown table built row by row; cells are strings already formatted.</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int RowCount => _rows.Count;

    public MarkdownTable Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"Row has {cells.Length} cells, the table {headers.Length} columns.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        text.Append('|').AppendJoin("|", headers.Select(_ => "---")).AppendLine("|");
        foreach (var row in _rows) text.Append("| ").AppendJoin(" | ", row.Select(Escape)).AppendLine(" |");
        return text.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}

/// <summary>Number formats used throughout the report (invariant culture).</summary>
public static class Fmt
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Two significant digits in scientific notation; "0" and "NaN" as such.</summary>
    public static string Sci(double value) => value switch
    {
        0 => "0",
        double.NaN => "NaN",
        double.PositiveInfinity => "∞",
        _ => value.ToString("0.0e+0", Invariant),
    };

    public static string Fixed(double value, int decimals = 2) =>
        double.IsNaN(value) ? "NaN" : value.ToString("F" + decimals.ToString(Invariant), Invariant);

    public static string Percent(int count, int total) =>
        total == 0 ? "–" : (100.0 * count / total).ToString("0.#", Invariant) + " %";

    public static string Ratio(double value) => !double.IsFinite(value) ? "–"
        : value >= 0.1 || value == 0 ? value.ToString("0.00", Invariant) + "×"
        : value.ToString("G2", Invariant) + "×";

    public static string Int(long value) => value.ToString(Invariant);

    public static string Time(TimeSpan time) => time.TotalMilliseconds switch
    {
        < 1 => (time.TotalMilliseconds * 1000).ToString("0.#", Invariant) + " µs",
        < 1000 => time.TotalMilliseconds.ToString("0.#", Invariant) + " ms",
        _ => time.TotalSeconds.ToString("0.00", Invariant) + " s",
    };

    public static string Micro(double nanoseconds) => (nanoseconds / 1000).ToString(nanoseconds < 10_000 ? "0.00" : "0", Invariant) + " µs";
}
