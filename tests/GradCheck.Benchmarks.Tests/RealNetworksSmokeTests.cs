using GradCheck.Benchmarks.Networks;
using GradCheck.Tests.RealNetworks.Corpus;

namespace GradCheck.Benchmarks.Tests;

/// <summary>
/// Section 6 at smoke sizes (one seed): every network of the corpus has a row per precision, and every checker's counts
/// add up to the seeds. Structure, never GradCheck's verdicts (those are the unit tests' job).
/// </summary>
public sealed class RealNetworksSmokeTests
{
    private static readonly RealNetworksSection.Result Result = RealNetworksSection.Measure(BenchmarkSettings.Smoke);

    private static readonly string Markdown = RealNetworksSection.Render(Result);

    [Fact]
    public void Every_network_has_a_row_per_precision_whose_counts_add_up_to_the_seeds()
    {
        Assert.StartsWith(RealNetworksSection.Heading, Markdown, StringComparison.Ordinal);
        Assert.Equal(2 * NetworkCorpus.Names.Length, Result.Rows.Count);
        foreach (var row in Result.Rows)
        {
            var line = Markdown.Split('\n').Single(l => l.StartsWith($"| {row.Network} | {row.Precision} |", StringComparison.Ordinal));
            var cells = MarkdownRows.Cells(line);
            Assert.Equal(10, cells.Length);
            foreach (var cell in cells[2..]) Assert.Equal(Result.Seeds, cell.Split(" / ").Sum(int.Parse));
        }
        Assert.Contains("- Real networks (section 6): false alarms on correct backward passes", RealNetworksSection.Headline(Result), StringComparison.Ordinal);
    }
}
