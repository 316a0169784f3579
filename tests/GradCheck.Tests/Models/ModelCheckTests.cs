namespace GradCheck.Tests.Models;

/// <summary>ModelCheck.Run: one report per tensor, names with multi-indices, flat details, bit-exact restore, misuse.</summary>
public class ModelCheckTests
{
    [Fact]
    public void Correct_model_passes_with_one_report_per_tensor_in_double()
    {
        var model = new LinearTestModel<double>(outputs: 3, inputs: 4, weightDecay: 0.1);

        var report = ModelCheck.Run(model);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["fc.weight", "fc.bias"], report.Parameters.Select(p => p.Name));
        Assert.Equal([3, 4], report.Parameters[0].Shape);
        Assert.Equal([12, 3], report.Parameters.Select(p => p.EntriesChecked));
        Assert.All(report.Parameters, p => Assert.Null(p.Diagnosis));
        Assert.Equal(15, report.Dimension);
        Assert.Equal(15, report.EntriesChecked);
    }

    [Fact]
    public void Correct_model_passes_in_float()
    {
        var model = new LinearTestModel<float>(outputs: 3, inputs: 4, weightDecay: 0.1);
        var report = ModelCheck.Run(model);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal("float", report.Details.ElementType);
    }

    [Fact]
    public void Entries_are_named_by_tensor_and_multi_index_and_the_flat_details_use_flat_indices()
    {
        var model = new LinearTestModel<double>(outputs: 3, inputs: 4);
        var report = ModelCheck.Run(model);

        var weight = report.Parameters[0].Report.Entries.Single(e => e.Index == 1 * 4 + 2);
        Assert.Equal("fc.weight[1,2]", weight.Name);
        var bias = report.Details.Entries.Single(e => e.Name == "fc.bias[2]");
        Assert.Equal(12 + 2, bias.Index);
        Assert.Equal(12, report.Parameters[1].Offset);
    }

    [Fact]
    public void Analytic_values_are_the_models_exact_gradient_at_the_unperturbed_point()
    {
        var model = new LinearTestModel<double>(outputs: 2, inputs: 3);
        model.Loss();
        model.Backward();
        double[] expected = [.. model.WeightGradient, .. model.BiasGradient];

        var report = ModelCheck.Run(model);

        Assert.Equal(expected, report.Details.Entries.OrderBy(e => e.Index).Select(e => e.Analytic));
        // The loss is quadratic, so the extrapolated central differences are exact up to rounding.
        Assert.All(report.Details.Entries, e => Assert.Equal(expected[e.Index], e.Numeric, 1e-9));
    }

    [Fact]
    public void ThrowIfFailed_names_the_tensor_the_multi_index_and_the_diagnosis()
    {
        var model = new LinearTestModel<double>(outputs: 3, inputs: 4) { Bug = m => m.WeightGradient[1 * 4 + 3] *= 1.5 };
        var report = ModelCheck.Run(model);

        var thrown = Assert.Throws<ModelCheckFailedException>(report.ThrowIfFailed);

        Assert.False(report.Passed);
        Assert.True(report.Parameters[1].Passed);
        Assert.Contains("fc.weight[1,3]", thrown.Message);
        Assert.Contains("fc.weight [3,4]", thrown.Message);
        Assert.Contains("only some entries wrong", thrown.Message);
        Assert.DoesNotContain("fc.bias[", thrown.Message);
        Assert.Same(report, thrown.Report);
        Assert.IsAssignableFrom<GradientCheckException>(thrown);
    }

    [Fact]
    public void Report_text_has_a_row_per_tensor_and_the_worst_entries()
    {
        var model = new LinearTestModel<double>(outputs: 3, inputs: 4) { Bug = m => m.BiasGradient[0] = -m.BiasGradient[0] };
        string text = ModelCheck.Run(model).ToString();
        Assert.StartsWith("FAILED: 1 of 2 tensors ok", text);
        Assert.Contains("fc.weight  [3,4]    12/12", text);
        Assert.Contains("fc.bias[0]", text);
        Assert.Contains("details:", text);
    }

    [Fact]
    public void Parameters_are_bit_identical_after_passing_and_failing_checks()
    {
        var model = new LinearTestModel<double>(outputs: 2, inputs: 3);
        model.Bias[0] = -0.0;
        model.Weight[1] = 1e-300;
        var weight = Bits.Of(model.Weight);
        var bias = Bits.Of(model.Bias);

        ModelCheck.Run(model);
        Assert.Equal(weight, Bits.Of(model.Weight));
        Assert.Equal(bias, Bits.Of(model.Bias));

        var buggy = new LinearTestModel<float>(2, 3) { Bug = m => m.WeightGradient[0] *= 2 };
        var floatWeight = Bits.Of(buggy.Weight);
        Assert.False(ModelCheck.Run(buggy).Passed);
        Assert.Equal(floatWeight, Bits.Of(buggy.Weight));
    }

    [Fact]
    public void Parameters_are_restored_when_the_loss_throws_at_a_perturbed_point_and_the_exception_names_the_entry()
    {
        double[]? original = null;
        var model = new LinearTestModel<double>(outputs: 2, inputs: 3)
        {
            OnLoss = m =>
            {
                original ??= (double[])m.Bias.Clone();
                // Only the probe of fc.bias[1] alone (the noise measurement moves every entry at once).
                if (m.Bias[1] != original[1] && m.Bias[0] == original[0]) throw new InvalidOperationException("boom");
            },
        };
        var weight = Bits.Of(model.Weight);
        var bias = Bits.Of(model.Bias);

        var thrown = Assert.Throws<FunctionEvaluationException>(() => ModelCheck.Run(model));

        Assert.Contains("fc.bias[1]", thrown.Message);
        Assert.Equal("boom", thrown.InnerException!.Message);
        Assert.Equal(weight, Bits.Of(model.Weight));
        Assert.Equal(bias, Bits.Of(model.Bias));
    }

    [Fact]
    public void Parameters_are_restored_after_cancellation_in_the_middle_of_a_tensor()
    {
        using var cancellation = new CancellationTokenSource();
        var model = new LinearTestModel<double>(outputs: 3, inputs: 4)
        {
            OnLoss = m => { if (m.LossCalls == 40) cancellation.Cancel(); },
        };
        var weight = Bits.Of(model.Weight);

        Assert.ThrowsAny<OperationCanceledException>(() => ModelCheck.Run(model, cancellationToken: cancellation.Token));

        Assert.True(model.LossCalls >= 40);
        Assert.Equal(weight, Bits.Of(model.Weight));
    }

    [Fact]
    public void Loss_that_writes_into_the_parameters_is_refused_and_the_parameters_restored()
    {
        var model = new LinearTestModel<double>(outputs: 2, inputs: 2) { OnLoss = m => m.Weight[3] += 1 };
        var weight = Bits.Of(model.Weight);
        var thrown = Assert.Throws<PointModifiedException>(() => ModelCheck.Run(model));
        Assert.Contains("fc.weight[1,1]", thrown.Message);
        Assert.Equal(weight, Bits.Of(model.Weight));
    }

    [Fact]
    public void Progress_counts_entries_over_the_whole_model()
    {
        var seen = new List<CheckProgress>();
        var model = new LinearTestModel<double>(outputs: 3, inputs: 4);
        var report = ModelCheck.Run(model, new GradientCheckOptions { Progress = new Collect(seen) });
        // Each entry once, in order; the repeats at the point after the last entry report 15 of 15 again with the final count.
        Assert.Equal(Enumerable.Range(1, 15), seen.Select(p => p.EntriesDone).Distinct());
        Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.True(pair.Second.EntriesDone >= pair.First.EntriesDone));
        Assert.All(seen, p => Assert.Equal(15, p.EntriesTotal));
        Assert.Equal(report.FunctionEvaluations, seen[^1].FunctionEvaluations);
    }

    [Fact]
    public void Evaluations_are_one_for_the_analytic_gradient_plus_each_tensors_own()
    {
        var model = new LinearTestModel<double>(outputs: 3, inputs: 4);
        var report = ModelCheck.Run(model);
        Assert.Equal(1 + report.Parameters.Sum(p => p.Report.FunctionEvaluations), report.FunctionEvaluations);
        Assert.Equal(model.LossCalls, report.FunctionEvaluations);
    }

    private sealed class Collect(List<CheckProgress> seen) : IProgress<CheckProgress>
    {
        public void Report(CheckProgress value) => seen.Add(value);
    }
}

/// <summary>CheckMode.Fast applies per tensor: projections find and locate the wrong entry of the right tensor.</summary>
public class ModelCheckFastModeTests
{
    [Fact]
    public void Fast_mode_locates_a_wrong_entry_in_its_tensor_and_passes_the_others()
    {
        var model = new LinearTestModel<double>(outputs: 6, inputs: 40, weightDecay: 0.01)
        {
            Bug = m => m.Parameters[0].Gradient.Span[7 * 1 + 3] *= 1.01,
        };
        var options = new GradientCheckOptions { Mode = CheckMode.Fast };

        var report = ModelCheck.Run(model, options);

        Assert.False(report.Passed);
        Assert.False(report.Parameters[0].Passed);
        Assert.True(report.Parameters[1].Passed);
        Assert.Equal(["fc.weight[0,10]"], report.Parameters[0].Report.Failures.Select(f => f.Name));
        // Far fewer evaluations than the full check's ~10 per entry over 246 entries.
        Assert.True(report.Parameters[0].Report.FunctionEvaluations < 600, report.ToString());
    }
}
