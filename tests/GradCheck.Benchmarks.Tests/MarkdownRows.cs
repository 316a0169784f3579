using System.Text.RegularExpressions;

namespace GradCheck.Benchmarks.Tests;

/// <summary>Reads the report's tables back: the cells of the first row that starts with a given text.</summary>
internal static class MarkdownRows
{
    public static string[] Row(string markdown, string start)
    {
        var line = markdown.Split('\n').FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal));
        Assert.True(line is not null, $"no row starting with {start}");
        return Cells(line!);
    }

    /// <summary>The cells of one table line; an escaped \| stays inside its cell.</summary>
    public static string[] Cells(string line) => Regex.Split(line.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim()).ToArray();
}
