using GradCheck.Cli.Discovery;
using GradCheck.Cli.Tests.Support;

namespace GradCheck.Cli.Tests;

public class DiscoveryTests
{
    private static IReadOnlyList<DiscoveredCase> Discovered() =>
        CaseDiscovery.Discover(UserAssemblyLoadContext.Load(Tool.FixtureAssembly)).Where(c => c.Name.StartsWith("fixture-", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Finds_cases_in_declaration_order_with_attribute_names_and_enumerables()
    {
        Assert.Equal(
            ["fixture-pass", "fixture-bug", "fixture-planted", "fixture-many-1", "fixture-many-2", "fixture-throws", "fixture-bad-signature", "fixture-float",
             "fixture-drowned", "fixture-accepted-drowned", "fixture-drowned-planted", "fixture-many-wrong"],
            Discovered().Select(c => c.Name));
    }

    [Fact]
    public void A_user_assembly_in_its_own_load_context_shares_the_core_types()
    {
        var passing = Discovered().Single(c => c.Name == "fixture-pass");
        Assert.NotNull(passing.Case);   // the CheckCase returned across the load context is the tool's own type
        Assert.True(passing.Case!.Run().Passed);
        Assert.Equal("a quadratic with its exact gradient", passing.Description);
        Assert.Equal("GradCheck.Cli.Tests.Fixtures.Passing", passing.Source);
    }

    [Fact]
    public void ExpectFailure_comes_from_the_attribute() =>
        Assert.True(Discovered().Single(c => c.Name == "fixture-planted").ExpectFailure);

    [Fact]
    public void An_assembly_copied_without_its_dependencies_still_yields_the_cases_that_need_none()
    {
        // Test classes here carry xunit attributes that cannot load from the copy; discovery must skip them, not crash.
        string dir = Tool.TempDirectory();
        string copy = Path.Combine(dir, Path.GetFileName(Tool.FixtureAssembly));
        File.Copy(Tool.FixtureAssembly, copy);
        var (exitCode, output) = Tool.Run("run", copy, "--filter", "fixture-pass", "--format", "console");
        Assert.Equal(0, exitCode);
        Assert.Contains("fixture-pass", output);
    }

    [Theory]
    [InlineData("fixture-*", "fixture-pass", true)]
    [InlineData("FIXTURE-PASS", "fixture-pass", true)]
    [InlineData("fixture-many-?", "fixture-many-1", true)]
    [InlineData("pass", "fixture-pass", false)]
    [InlineData("*pass", "fixture-pass", true)]
    public void Filters_are_case_insensitive_whole_name_globs(string glob, string name, bool matches) =>
        Assert.Equal(matches, new NameFilter([glob]).Matches(name));
}
