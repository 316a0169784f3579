using GradCheck.Benchmarks;
using GradCheck.Benchmarks.Torch;

namespace GradCheck.Benchmarks.Tests;

/// <summary>
/// The benchmarks still build and the report generator runs end to end on tiny sizes (no BenchmarkDotNet, no Python):
/// seconds, not minutes. Asserts structure and that the tables hold numbers, never timings.
/// </summary>
public sealed class ReportSmokeTests(SmokeReport report) : IClassFixture<SmokeReport>
{
    private string Markdown => report.Markdown;

    private string Artifacts => report.Artifacts;

    [Fact]
    public void Report_has_every_section_and_no_placeholders()
    {
        foreach (var heading in new[]
                 {
                     "# GradCheck benchmarks", "### 1a. Error of each scheme", "### 1b. Calibration", "## 2. Verdict quality",
                     "### 3a. Function evaluations per coordinate", "### 3b. Overhead of the checker", "### 3c. Fast mode", "### 3d. Parallel speedup", "### 3e. Memory per fast check",
                     "## 4. Side by side with PyTorch", "### Verdicts on planted bugs", "## 5. False assurance", "## 6. Real networks",
                 })
            Assert.Contains(heading, Markdown);
        Assert.DoesNotContain("Placeholder", Markdown);
        Assert.Contains("./benchmarks/run.sh", Markdown);
    }

    [Fact]
    public void Accuracy_table_has_a_numeric_error_for_every_scheme_on_smooth_functions()
    {
        var row = Row("| smooth | exp(x) | double |");
        Assert.Equal(12, row.Length);
        foreach (var cell in row[3..]) Assert.Matches(Number, cell);
        Assert.True(double.Parse(row[9], System.Globalization.CultureInfo.InvariantCulture) < 1e-10, "adaptive error on exp(x)");
    }

    [Fact]
    public void Verdict_table_counts_cases_for_all_three_rules()
    {
        foreach (var rule in new[] { "GradCheck defaults", "classic: h=1e-3", "PyTorch: h=1e-6" })
        {
            var row = Row($"| **{rule}");
            Assert.Matches(@"^\d+ / [1-9]\d*$", row[2]);   // false alarms / correct cases
            Assert.Matches(@"^\d+ / [1-9]\d*$", row[3]);   // misses / buggy cases
            Assert.Matches(@"^\d+$", row[6]);              // evaluations
        }
    }

    [Fact]
    public void Calibration_cost_overhead_and_network_tables_hold_numbers()
    {
        Assert.Matches(@"^\d+(\.\d+)? %$", Row("| **all, double** |")[2]);
        // Evaluations per coordinate as mean / median / p90 / max: the central difference spends exactly 2 on each.
        Assert.Equal("2.0 / 2 / 2 / 2", Row("| central |")[1]);
        Assert.Matches(@"^\d+\.\d / \d+ / \d+ / \d+$", Row("| adaptive: ML losses |")[1]);
        Assert.Matches(@"^\d+(\.\d+)?×$", Row("| 128 |")[4]);
        Assert.Matches(@"^\d+$", Row("| 3-4-2, batch 5, 26 parameters | GradCheck (C#, plain arrays) | adaptive default |")[4]);
    }

    [Fact]
    public void Fast_mode_table_has_exact_counts_locates_the_bug_and_marks_extrapolations()
    {
        var measured = Row("| 100 |");
        Assert.Equal(11, measured.Length);
        Assert.Matches(@"^\d+$", measured[1]);                  // fast evaluations, correct
        Assert.Equal("yes", measured[3]);                       // fast passes a correct gradient
        Assert.Matches(@"^\d+$", measured[4]);                  // fast evaluations, 1 % bug
        Assert.Equal("yes", measured[6]);                       // the wrong entry is named
        Assert.Matches(@"^\d+$", measured[7]);                  // full evaluations, measured
        var extrapolated = Row("| 1000 |");
        Assert.StartsWith("≈ ", extrapolated[7], StringComparison.Ordinal);
        Assert.Contains("(extrapolated", extrapolated[7], StringComparison.Ordinal);
        Assert.Contains("(extrapolated)", extrapolated[8], StringComparison.Ordinal);
        // The search itself needs under 200 evaluations; every check is topped up to the 342-evaluation floor of repeats
        // that catches randomness in f (2 % of calls with probability 1 − 10⁻³), so a correct gradient costs exactly that.
        Assert.Equal(342, int.Parse(extrapolated[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parallel_table_states_processors_load_and_a_ratio()
    {
        var line = Markdown.Split('\n').SkipWhile(l => !l.StartsWith("### 3d.", StringComparison.Ordinal))
            .First(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| processors", StringComparison.Ordinal));
        var row = MarkdownRows.Cells(line);
        Assert.Equal(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), row[0]);
        Assert.Matches(@"^(\d+\.\d+ / \d+\.\d+ / \d+\.\d+|unavailable)$", row[1]);
        Assert.Matches(@"^\d+(\.\d+)?×$", row[5]);
        Assert.Equal("yes", row[8]);                            // parallel and sequential reports are identical
        Assert.Matches(@"^\d+(\.\d+)?×$", row[9]);              // the bare loop's ceiling
    }

    [Fact]
    public void Core_and_adapter_run_sequential_and_on_2_threads_with_the_same_evaluations()
    {
        // Issue 15 asks for both; a parallel check's report is the sequential one, so its evaluation count is too.
        foreach (var (tool, method) in new[] { ("GradCheck (C#, plain arrays)", "adaptive default"), ("GradCheck (C#, TorchSharp adapter)", "TorchGradCheck, adaptive default") })
        {
            var sequential = Row($"| 3-4-2, batch 5, 26 parameters | {tool} | {method} |");
            var parallel = Row($"| 3-4-2, batch 5, 26 parameters | {tool} | {method}, 2 threads |");
            Assert.Matches(@"^\d+$", parallel[4]);
            Assert.Equal(sequential[4], parallel[4]);
            Assert.Equal("yes", parallel[5]);
        }
    }

    [Fact]
    public void TorchSharp_rows_and_verdict_comparison_are_present()
    {
        var row = Row("| 3-4-2, batch 5, 26 parameters | GradCheck (C#, TorchSharp adapter) | TorchGradCheck, adaptive default |");
        Assert.Matches(@"^\d+$", row[4]);
        Assert.Equal("yes", row[5]);
        Assert.Equal("pass ✓", Row("| cube |")[2]);
        Assert.Equal("FAIL ✓", Row("| cube-factor-2 |")[2]);
        Assert.Equal("FAIL ✓", Row("| linear-wrong-sign |")[2]);
        Assert.Equal("pass ✓", Row("| linear |")[2]);
    }

    [Fact]
    public void Network_export_round_trips_as_json_with_the_parameters_in_order()
    {
        var network = new NetworkData(3, 4, 2, 5, seed: 1);
        string path = Path.Combine(Artifacts, "net.json");
        network.Export(path);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var w1 = doc.RootElement.GetProperty("W1");
        Assert.Equal(4, w1.GetArrayLength());
        Assert.Equal(network.Parameters[0], w1[0][0].GetDouble());
        Assert.Equal(network.Parameters[^1], doc.RootElement.GetProperty("b2")[1].GetDouble());
        Assert.True(GradientCheck.Run(network.Loss, network.Gradient, network.Parameters).Passed);
    }

    private const string Number = @"^(-?\d+(\.\d+)?(e[+-]\d+)?|0|NaN)( µs| ms| s)?$";

    private string[] Row(string start) => MarkdownRows.Row(Markdown, start);
}

/// <summary>The smoke-size report, generated once for all tests of the class.</summary>
public sealed class SmokeReport : IDisposable
{
    public string Artifacts { get; } = Path.Combine(Path.GetTempPath(), "gradcheck-bench-smoke-" + Guid.NewGuid().ToString("N"));

    public string Markdown { get; }

    public SmokeReport() =>
        Markdown = ReportGenerator.Generate(BenchmarkSettings.Smoke with { ArtifactsDirectory = Artifacts }, TextWriter.Null);

    public void Dispose()
    {
        if (Directory.Exists(Artifacts)) Directory.Delete(Artifacts, recursive: true);
    }
}
