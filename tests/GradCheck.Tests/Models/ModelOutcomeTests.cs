namespace GradCheck.Tests.Models;

/// <summary>Model and per-tensor outcomes: Failed beats Inconclusive beats Passed, and inconclusive is never printed as a pass.</summary>
public sealed class ModelOutcomeTests
{
    [Fact]
    public void A_drowned_tensor_makes_the_model_inconclusive_and_its_right_neighbour_still_passes()
    {
        var report = ModelCheck.Run(new DrownedModel());

        Assert.Equal(CheckOutcome.Inconclusive, report.Outcome);
        Assert.False(report.Passed);
        Assert.Empty(report.Failures);
        var drowned = report.Parameters.Single(p => p.Name == "drowned");
        var plain = report.Parameters.Single(p => p.Name == "plain");
        Assert.Equal(CheckOutcome.Inconclusive, drowned.Outcome);
        Assert.False(drowned.Passed);
        Assert.Null(drowned.Diagnosis);                    // nothing is wrong, so nothing to diagnose
        Assert.Equal(CheckOutcome.Passed, plain.Outcome);
        Assert.True(plain.Passed);
        // The plain tensor's entries against the exact derivatives 2(b₀ − 0.3) + b₁ = 0.8 and b₀ = 0.9.
        Assert.Equal(0.8, plain.Report.Entries.Single(e => e.Index == 0).Numeric, 4);
        Assert.Equal(0.9, plain.Report.Entries.Single(e => e.Index == 1).Numeric, 4);
    }

    [Fact]
    public void ThrowIfFailed_throws_InconclusiveCheckException_unless_the_options_accept_it()
    {
        var strict = ModelCheck.Run(new DrownedModel());
        var lenient = ModelCheck.Run(new DrownedModel(), new GradientCheckOptions { AcceptInconclusive = true });

        Assert.False(strict.AcceptsInconclusive);
        Assert.True(lenient.AcceptsInconclusive);
        Assert.All(lenient.Parameters, p => Assert.True(p.Report.AcceptsInconclusive));
        var thrown = Assert.Throws<InconclusiveCheckException>(strict.ThrowIfFailed);
        Assert.Contains("drowned[0]", thrown.Message);
        lenient.ThrowIfFailed();
        Assert.Equal(CheckOutcome.Inconclusive, lenient.Outcome);
    }

    [Fact]
    public void A_wrong_tensor_makes_the_model_fail_even_next_to_an_inconclusive_one()
    {
        var report = ModelCheck.Run(new DrownedModel(plainFactor: 2), new GradientCheckOptions { AcceptInconclusive = true });

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        Assert.Equal("plain", Assert.Single(report.Failures).Name);
        Assert.Equal(CheckOutcome.Inconclusive, report.Parameters.Single(p => p.Name == "drowned").Outcome);
        Assert.Throws<ModelCheckFailedException>(report.ThrowIfFailed);
    }

    [Fact]
    public void The_summary_and_the_tensor_table_print_the_outcome()
    {
        var report = ModelCheck.Run(new DrownedModel());

        Assert.StartsWith("INCONCLUSIVE: 1 of 2 tensors ok (1 inconclusive); 2 of 4 entries ok (2 inconclusive)", report.Summary);
        Assert.Contains(report.ToString().Split('\n'), line => line.TrimStart().StartsWith("drowned", StringComparison.Ordinal) && line.Contains("INCONCLUSIVE"));
        Assert.StartsWith("PASSED", ModelCheck.Run(new LinearTestModel<double>(2, 3)).Summary);
        Assert.StartsWith("FAILED", ModelCheck.Run(new DrownedModel(plainFactor: 2)).Summary);
    }

    [Fact]
    public void The_monitor_stops_on_an_inconclusive_check_unless_it_is_accepted()
    {
        var strict = new GradientMonitor<double>(new DrownedModel(), new GradientMonitorOptions { Interval = 1 });
        var thrown = Assert.Throws<GradientMonitorFailedException>(() => strict.Step());
        Assert.Equal(CheckOutcome.Inconclusive, thrown.Report.Outcome);
        Assert.Contains("inconclusive", thrown.Message);
        Assert.Equal(1, strict.InconclusiveChecks);

        var lenient = new GradientMonitor<double>(new DrownedModel(),
            new GradientMonitorOptions { Interval = 1, Check = new GradientCheckOptions { AcceptInconclusive = true } });
        var report = lenient.Step();
        Assert.Equal(CheckOutcome.Inconclusive, report!.Outcome);
        Assert.Empty(lenient.Failures);
        Assert.Equal(1, lenient.InconclusiveChecks);
        Assert.Contains("1 inconclusive", lenient.ToString());
    }
}
