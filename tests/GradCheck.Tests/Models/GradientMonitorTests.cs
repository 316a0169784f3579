namespace GradCheck.Tests.Models;

/// <summary>The training-time monitor: checks every K steps at the current weights, reports its cost, reports or throws.</summary>
public class GradientMonitorTests
{
    /// <summary>Plain gradient descent on the model's own gradient.</summary>
    private static void TrainStep(LinearTestModel<double> model, double rate = 0.2)
    {
        model.Loss();
        model.Backward();
        for (int i = 0; i < model.Weight.Length; i++) model.Weight[i] -= rate * model.WeightGradient[i];
        for (int i = 0; i < model.Bias.Length; i++) model.Bias[i] -= rate * model.BiasGradient[i];
    }

    [Fact]
    public void Checks_every_K_steps_and_reports_its_amortised_cost()
    {
        var model = new LinearTestModel<double>(3, 4);
        var monitor = new GradientMonitor<double>(model, new GradientMonitorOptions { Interval = 3, SampleSize = 2 });
        var reports = new List<ModelReport?>();

        for (int step = 1; step <= 10; step++)
        {
            TrainStep(model);
            reports.Add(monitor.Step());
        }

        Assert.Equal([false, false, true, false, false, true, false, false, true, false], reports.Select(r => r is not null));
        Assert.Equal(3, monitor.Checks);
        Assert.Equal(10, monitor.Steps);
        long evaluations = reports.Where(r => r is not null).Sum(r => (long)r!.FunctionEvaluations);
        Assert.Equal(evaluations, monitor.Evaluations);
        Assert.Equal(evaluations / 10.0, monitor.EvaluationsPerStep, 12);
        Assert.All(reports.Where(r => r is not null), r =>
        {
            Assert.True(r!.Passed);
            Assert.Equal(2 + 2, r.EntriesChecked);                               // 2 entries of each of the 2 tensors
            // 1 gradient + per tensor its own evaluations or its share of the 342-evaluation floor, whichever is more.
            Assert.True(r.FunctionEvaluations <= 1 + 2 * Math.Max(10 + 16 * 2, 171), $"{r.FunctionEvaluations}");
        });
        Assert.Contains("3 checks in 10 steps", monitor.ToString());
    }

    [Fact]
    public void Each_check_samples_other_entries()
    {
        var model = new SeparableModel(("w", [40, 50]));
        var monitor = new GradientMonitor<double>(model, new GradientMonitorOptions { Interval = 1, SampleSize = 3 });
        var first = monitor.Step()!.Details.Entries.Select(e => e.Index).ToArray();
        var second = monitor.Step()!.Details.Entries.Select(e => e.Index).ToArray();
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_bug_invisible_at_zero_weights_is_caught_after_training_and_thrown_with_the_step()
    {
        const double decay = 0.05;
        var model = new LinearTestModel<double>(2, 3, weightDecay: decay)
        {
            Bug = m => { for (int i = 0; i < m.WeightGradient.Length; i++) m.WeightGradient[i] -= decay * m.Weight[i]; },
        };
        Array.Clear(model.Weight);
        // At zero weights the missing decay term λ·w is zero too: a check there passes (the seed's warning).
        Assert.True(ModelCheck.Run(model).Passed);

        var monitor = new GradientMonitor<double>(model, new GradientMonitorOptions { Interval = 5, SampleSize = 6 });
        GradientMonitorFailedException? thrown = null;
        for (int step = 1; step <= 5 && thrown is null; step++)
        {
            TrainStep(model);
            var weights = Bits.Of(model.Weight);
            thrown = Record.Exception(() => monitor.Step()) as GradientMonitorFailedException;
            Assert.Equal(weights, Bits.Of(model.Weight));
        }

        Assert.NotNull(thrown);
        Assert.Equal(5, thrown.Step);
        Assert.Contains("training step 5", thrown.Message);
        Assert.Contains("fc.weight[", thrown.Message);
        Assert.Equal(FailurePattern.ProportionalToWeights, thrown.Report.Parameters[0].Pattern);
    }

    [Fact]
    public void Without_throwing_failures_are_reported_and_collected()
    {
        var model = new LinearTestModel<double>(2, 3) { Bug = m => m.BiasGradient[0] *= -1 };
        var seen = new List<ModelReport>();
        var monitor = new GradientMonitor<double>(model, new GradientMonitorOptions { Interval = 2, ThrowOnFailure = false, OnCheck = seen.Add });

        for (int step = 0; step < 4; step++) monitor.Step();

        Assert.Equal(2, seen.Count);
        Assert.Equal(2, monitor.Failures.Count);
        Assert.All(seen, r => Assert.False(r.Passed));
        Assert.Same(seen[^1], monitor.LastReport);
        Assert.Equal(seen[^1].FunctionEvaluations, monitor.LastCheckEvaluations);
    }

    [Fact]
    public void Invalid_interval_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientMonitor<double>(new LinearTestModel<double>(1, 1), new GradientMonitorOptions { Interval = 0 }));
    }
}
