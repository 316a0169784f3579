using GradCheck.Benchmarks.Scaling;

namespace GradCheck.Benchmarks.Tests;

/// <summary>
/// Section 3e at --quick sizes through the command line: it runs alone, has a row per size whose cells are copies of the
/// point with megabytes, and states the baseline it was measured against. Structure, not the numbers (FastMemoryTests
/// holds the allocation bound).
/// </summary>
public sealed class MemorySmokeTests
{
    [Fact]
    public void The_section_runs_alone_from_the_command_line_with_a_row_per_size()
    {
        string output = Path.Combine(Path.GetTempPath(), $"gradcheck-memory-{Guid.NewGuid():N}.md");
        try
        {
            Assert.Equal(0, Cli.Run(["memory", "--quick", "--out", output]));
            string text = File.ReadAllText(output);
            Assert.StartsWith(MemorySection.Heading, text, StringComparison.Ordinal);
            foreach (int n in BenchmarkSettings.Smoke.MemorySizes)
            {
                var row = MarkdownRows.Row(text, $"| {n} |");
                Assert.Equal(8, row.Length);
                foreach (var cell in row[1..6]) Assert.Matches(@"^\d+\.\d\d \(\d+\.\d\)$", cell);   // copies (MB)
                Assert.Matches(@"^\d+ / \d+ / \d+$", row[6]);
                Assert.Equal("yes", row[7]);
            }
            Assert.Contains("measured on commit e1d45d0", text, StringComparison.Ordinal);
            Assert.Contains("- Memory GradCheck allocates per fast check", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
