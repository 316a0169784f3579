using System.Text.Json;
using System.Text.RegularExpressions;
using GradCheck.Cli.Tests.Support;

namespace GradCheck.Cli.Tests;

public class JsonReportTests
{
    private static string RunJson(params string[] extra)
    {
        string dir = Tool.TempDirectory();
        var (exitCode, _) = Tool.Run(["demo", "--format", "json", "--out", dir, .. extra]);
        Assert.Equal(0, exitCode);
        return File.ReadAllText(Path.Combine(dir, "report.json"));
    }

    // The tool version changes with every release; everything else in the report is a function of code and seed.
    private static string Scrub(string json) => Regex.Replace(json, "\"toolVersion\": \"[^\"]*\"", "\"toolVersion\": \"<version>\"");

    /// <summary>Structure, verdicts, counts, names and rounded derivatives (<see cref="JsonPin"/>), not every digit.</summary>
    [Fact]
    public void Demo_json_matches_the_snapshot() => Snapshot.Match(JsonPin.Pin(Scrub(RunJson("--seed", "42"))), "demo-report.pinned.txt");

    [Fact]
    public void Pinned_snapshots_keep_names_and_words_and_mask_the_digits_of_prose_and_errors()
    {
        string pinned = JsonPin.Pin("""{"summary": "FAILED: 9 of 12 entries ok; largest error/tolerance 9.685e+10 at W1[0,2]", "tolerance": 2.7e-13, "functionValue": 0.34963038549447495, "entries": [{"name": "W1[0,2]", "verdict": "Mismatch", "analytic": -0.0872821, "numeric": -0.0604931, "leftDerivative": null, "rightDerivative": null}]}""");
        Assert.Equal(
            "summary = FAILED: # of # entries ok; largest error/tolerance # at W1[0,2]\n"
            + "tolerance = #\n"
            + "functionValue = 0.35\n"
            + "entries: 1 items\n"
            + "entries[0]: W1[0,2] Mismatch analytic -0.0873 numeric -0.0605 left null right null\n",
            pinned.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Json_is_reproducible_byte_for_byte() => Assert.Equal(RunJson("--seed", "7"), RunJson("--seed", "7"));

    [Fact]
    public void Json_records_what_is_needed_to_reproduce_the_run()
    {
        using var doc = JsonDocument.Parse(RunJson("--seed", "42", "--filter", "relu-*", "--mode", "fast"));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(42, root.GetProperty("options").GetProperty("seed").GetInt32());
        Assert.Equal("fast", root.GetProperty("options").GetProperty("mode").GetString());
        Assert.Equal("fast", root.GetProperty("options").GetProperty("effectiveMode").GetString());
        Assert.Equal("gradcheck demo --filter 'relu-*' --mode fast --seed 42", root.GetProperty("reproduce").GetString());
        // Fast mode examines entries one by one only after a direction fails; the kink passes its directions.
        Assert.Equal(0, root.GetProperty("cases")[0].GetProperty("groups")[0].GetProperty("entries").GetArrayLength());

        using var full = JsonDocument.Parse(RunJson("--seed", "42", "--filter", "relu-*"));
        var entry = full.RootElement.GetProperty("cases")[0].GetProperty("groups")[0].GetProperty("entries")[0];
        Assert.Equal("NonDifferentiable", entry.GetProperty("verdict").GetString());
    }

    [Fact]
    public void Every_json_property_is_documented_in_the_schema()
    {
        string schema = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "report-schema.md"));
        using var doc = JsonDocument.Parse(RunJson());
        var names = new SortedSet<string>(StringComparer.Ordinal);
        Collect(doc.RootElement, names);
        var undocumented = names.Where(n => !schema.Contains($"`{n}`", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, "undocumented in docs/report-schema.md: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void Run_json_names_the_assembly_by_file_name_only()
    {
        string dir = Tool.TempDirectory();
        Tool.Run("run", Tool.FixtureAssembly, "--filter", "fixture-pass", "--format", "json", "--out", dir);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        Assert.Equal("run", doc.RootElement.GetProperty("command").GetString());
        Assert.Equal(Path.GetFileName(Tool.FixtureAssembly), doc.RootElement.GetProperty("options").GetProperty("assembly").GetString());
    }

    internal static void Collect(JsonElement element, ISet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
            foreach (var p in element.EnumerateObject())
            {
                names.Add(p.Name);
                Collect(p.Value, names);
            }
        else if (element.ValueKind == JsonValueKind.Array)
            foreach (var item in element.EnumerateArray()) Collect(item, names);
    }
}
