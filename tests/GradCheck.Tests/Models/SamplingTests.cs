namespace GradCheck.Tests.Models;

/// <summary>Stratified sampling: SampleSize entries of every tensor, reproducible, and a bounded cost for a 1,000,000-parameter model.</summary>
public class SamplingTests
{
    [Fact]
    public void SampleSize_checks_that_many_entries_of_every_tensor_including_the_small_ones()
    {
        var model = new SeparableModel(("big", [200, 300]), ("bias", [3]), ("scale", []), ("conv", [4, 5, 5]));

        var report = ModelCheck.Run(model, new GradientCheckOptions { SampleSize = 5 });

        Assert.Equal([5, 3, 1, 5], report.Parameters.Select(p => p.EntriesChecked));
        Assert.All(report.Parameters, p => Assert.Equal(p.EntriesChecked, p.Report.Entries.Select(e => e.Index).Distinct().Count()));
        Assert.True(report.Passed, report.ToString());
        Assert.Contains("(of 60104 parameters)", report.Summary);
    }

    [Fact]
    public void Same_seed_samples_the_same_entries_and_each_tensor_has_its_own_sample()
    {
        var options = new GradientCheckOptions { SampleSize = 4, Seed = 42 };
        var first = ModelCheck.Run(new SeparableModel(("a", [50, 40]), ("b", [50, 40])), options);
        var again = ModelCheck.Run(new SeparableModel(("a", [50, 40]), ("b", [50, 40])), options);

        var sampleA = first.Parameters[0].Report.Entries.Select(e => e.Index).ToArray();
        Assert.Equal(sampleA, again.Parameters[0].Report.Entries.Select(e => e.Index));
        Assert.NotEqual(sampleA, first.Parameters[1].Report.Entries.Select(e => e.Index));
    }

    [Fact]
    public void Sampling_finds_a_wrong_entry_in_a_small_tensor_next_to_a_huge_one()
    {
        var model = new SeparableModel(("huge", [500, 400]), ("bias", [2]));
        model.Wrong.Add((1, 1));

        var report = ModelCheck.Run(model, new GradientCheckOptions { SampleSize = 8 });

        Assert.True(report.Parameters[0].Passed);
        var failure = Assert.Single(report.Details.Failures);
        Assert.Equal("bias[1]", failure.Name);
        Assert.Equal(200_000 + 1, failure.Index);
    }

    [Fact]
    public void Indices_are_flat_indices_into_the_concatenated_parameters()
    {
        var model = new SeparableModel(("w", [2, 3]), ("b", [2]));

        var both = ModelCheck.Run(model, new GradientCheckOptions { Indices = [7, 4] });
        Assert.Equal(["w[1,1]", "b[1]"], both.Details.Entries.Select(e => e.Name));
        Assert.Equal([4, 7], both.Details.Entries.Select(e => e.Index));

        var one = ModelCheck.Run(model, new GradientCheckOptions { Indices = [6] });
        Assert.Equal("b", Assert.Single(one.Parameters).Name);
        Assert.Equal("b[0]", Assert.Single(one.Details.Entries).Name);
    }

    [Fact]
    public void Million_parameter_model_is_checked_within_the_stated_bound()
    {
        // 999,000 + 1,000 = 1,000,000 parameters in two tensors; 8 entries of each.
        var model = new SeparableModel(("fc.weight", [999, 1000]), ("fc.bias", [1000]));
        const int k = 8, tensors = 2;

        var report = ModelCheck.Run(model, new GradientCheckOptions { SampleSize = k });

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(1_000_000, report.Dimension);
        Assert.Equal(2 * k, report.EntriesChecked);
        // The bound the README states: 1 + P·max(10 + 16·k, ⌈342/P⌉) loss evaluations for P tensors on a smooth loss
        // (1 for the analytic gradient; per tensor 2 determinism and 8 noise evaluations, at most 16 per entry, topped
        // up with repeats at the point to its share of the 342-evaluation floor).
        Assert.True(report.FunctionEvaluations <= 1 + tensors * Math.Max(10 + 16 * k, 171), $"{report.FunctionEvaluations} evaluations");
        Assert.Equal(model.LossCalls, report.FunctionEvaluations);
    }
}
