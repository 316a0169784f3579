namespace GradCheck.Tests.Models;

/// <summary>Each failure pattern is recognized from the numbers, with its coefficient where it has one.</summary>
public class DiagnosisTests
{
    private static ParameterReport Check(LinearTestModel<double> model, string tensor)
    {
        var report = ModelCheck.Run(model);
        var parameter = report.Parameters.Single(p => p.Name == tensor);
        Assert.False(parameter.Passed, report.ToString());
        Assert.NotNull(parameter.Diagnosis);
        return parameter;
    }

    [Fact]
    public void Sign_flip_is_recognized()
    {
        var model = new LinearTestModel<double>(3, 4) { Bug = m => m.BiasGradient.AsSpan().Clear() };
        var flipped = new LinearTestModel<double>(3, 4) { Bug = m => { for (int i = 0; i < m.BiasGradient.Length; i++) m.BiasGradient[i] = -m.BiasGradient[i]; } };

        var tensor = Check(flipped, "fc.bias");

        Assert.Equal(FailurePattern.SignFlipped, tensor.Pattern);
        Assert.Equal(-1, tensor.Coefficient!.Value, 1e-9);
        Assert.Contains("sign flipped", tensor.Diagnosis);
        Assert.NotEqual(FailurePattern.SignFlipped, Check(model, "fc.bias").Pattern);
    }

    [Fact]
    public void Forgotten_division_by_the_batch_size_is_reported_as_that_factor()
    {
        var model = new LinearTestModel<double>(3, 4, batch: 8)
        {
            Bug = m =>
            {
                for (int i = 0; i < m.WeightGradient.Length; i++) m.WeightGradient[i] *= m.Batch;
                for (int i = 0; i < m.BiasGradient.Length; i++) m.BiasGradient[i] *= m.Batch;
            },
        };

        var report = ModelCheck.Run(model);

        Assert.All(report.Parameters, p =>
        {
            Assert.Equal(FailurePattern.ConstantFactor, p.Pattern);
            Assert.Equal(8, p.Coefficient!.Value, 1e-8);
            Assert.Contains("8 × numeric", p.Diagnosis);
            Assert.Contains("missing division by 8", p.Diagnosis);
        });
    }

    [Fact]
    public void Forgotten_batch_mean_next_to_a_correct_weight_decay_term_is_still_reported_as_the_factor()
    {
        const double decay = 0.02;
        var model = new LinearTestModel<double>(3, 4, batch: 6, weightDecay: decay)
        {
            // The data term is 6 times too large, the decay term λ·w is right: a = 6·n − 5·λ·w.
            Bug = m => { for (int i = 0; i < m.WeightGradient.Length; i++) m.WeightGradient[i] = 6 * (m.WeightGradient[i] - decay * m.Weight[i]) + decay * m.Weight[i]; },
        };
        var tensor = Check(model, "fc.weight");
        Assert.Equal(FailurePattern.ConstantFactor, tensor.Pattern);
        Assert.Equal(6, tensor.Coefficient!.Value, 1e-8);
        Assert.Contains("-0.1 × weight", tensor.Diagnosis);
        Assert.Contains("missing division by 6", tensor.Diagnosis);
    }

    [Fact]
    public void A_factor_below_one_is_reported_as_a_fraction()
    {
        var model = new LinearTestModel<double>(3, 4, batch: 5) { Bug = m => { for (int i = 0; i < m.BiasGradient.Length; i++) m.BiasGradient[i] /= 5; } };
        var tensor = Check(model, "fc.bias");
        Assert.Equal(FailurePattern.ConstantFactor, tensor.Pattern);
        Assert.Equal(0.2, tensor.Coefficient!.Value, 1e-9);
        Assert.Contains("numeric / 5", tensor.Diagnosis);
    }

    [Fact]
    public void A_factor_of_two_is_recognized_in_float()
    {
        var model = new LinearTestModel<float>(3, 4) { Bug = m => { for (int i = 0; i < m.WeightGradient.Length; i++) m.WeightGradient[i] *= 2; } };
        var tensor = ModelCheck.Run(model).Parameters[0];
        Assert.Equal(FailurePattern.ConstantFactor, tensor.Pattern);
        Assert.Equal(2, tensor.Coefficient!.Value, 1e-3);
        Assert.Contains("2 × numeric", tensor.Diagnosis);
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(3, 5)]
    public void Gradient_written_in_the_transposed_layout_is_recognized(int outputs, int inputs)
    {
        var model = new LinearTestModel<double>(outputs, inputs)
        {
            // The true gradient G (outputs×inputs) written as Gᵀ (inputs×outputs) into the same buffer.
            Bug = m =>
            {
                var g = (double[])m.WeightGradient.Clone();
                for (int o = 0; o < m.Outputs; o++)
                    for (int i = 0; i < m.Inputs; i++) m.WeightGradient[i * m.Outputs + o] = g[o * m.Inputs + i];
            },
        };

        var tensor = Check(model, "fc.weight");

        Assert.Equal(FailurePattern.Transposed, tensor.Pattern);
        Assert.Contains("transposed", tensor.Diagnosis);
    }

    [Fact]
    public void Transposed_loss_term_next_to_a_weight_decay_term_in_the_right_layout_is_recognized()
    {
        const double decay = 0.05;
        var model = new LinearTestModel<double>(3, 3, weightDecay: decay)
        {
            Bug = m =>
            {
                var data = m.WeightGradient.Select((g, k) => g - decay * m.Weight[k]).ToArray();
                for (int o = 0; o < 3; o++)
                    for (int i = 0; i < 3; i++) m.WeightGradient[i * 3 + o] = data[o * 3 + i] + decay * m.Weight[i * 3 + o];
            },
        };
        var tensor = Check(model, "fc.weight");
        Assert.Equal(FailurePattern.Transposed, tensor.Pattern);
        Assert.Contains("0.05 × weight", tensor.Diagnosis);
    }

    [Fact]
    public void Zero_gradient_where_the_loss_depends_on_the_tensor_is_a_missing_path()
    {
        var model = new LinearTestModel<double>(3, 4) { Bug = m => Array.Clear(m.BiasGradient) };
        var tensor = Check(model, "fc.bias");
        Assert.Equal(FailurePattern.MissingPath, tensor.Pattern);
        Assert.Contains("zero in all 3 checked entries", tensor.Diagnosis);
    }

    [Fact]
    public void Missing_weight_decay_is_recognized_with_its_coefficient()
    {
        const double decay = 0.03;
        var model = new LinearTestModel<double>(3, 4, weightDecay: decay)
        {
            Bug = m => { for (int i = 0; i < m.WeightGradient.Length; i++) m.WeightGradient[i] -= decay * m.Weight[i]; },
        };

        var tensor = Check(model, "fc.weight");

        Assert.Equal(FailurePattern.ProportionalToWeights, tensor.Pattern);
        Assert.Equal(-decay, tensor.Coefficient!.Value, 1e-9);
        Assert.Contains("weight-decay term 0.03·w is missing", tensor.Diagnosis);
    }

    [Fact]
    public void Extra_weight_decay_is_recognized_with_its_coefficient()
    {
        var model = new LinearTestModel<double>(3, 4)
        {
            Bug = m => { for (int i = 0; i < m.WeightGradient.Length; i++) m.WeightGradient[i] += 0.5 * m.Weight[i]; },
        };
        var tensor = Check(model, "fc.weight");
        Assert.Equal(FailurePattern.ProportionalToWeights, tensor.Pattern);
        Assert.Equal(0.5, tensor.Coefficient!.Value, 1e-9);
    }

    [Fact]
    public void One_wrong_row_is_reported_as_some_entries_wrong_in_that_row()
    {
        var model = new LinearTestModel<double>(3, 4)
        {
            Bug = m => { for (int i = 0; i < m.Inputs; i++) m.WeightGradient[1 * m.Inputs + i] *= 1.1; },
        };
        var tensor = Check(model, "fc.weight");
        Assert.Equal(FailurePattern.SomeEntriesWrong, tensor.Pattern);
        Assert.Contains("4 of 12", tensor.Diagnosis);
        Assert.Contains("row 1", tensor.Diagnosis);
        Assert.Null(tensor.Coefficient);
    }

    [Fact]
    public void Unstructured_errors_are_not_given_a_pattern()
    {
        // The same random errors on every Backward(): a fresh stream each call would make it not reentrant.
        var model = new LinearTestModel<double>(3, 4)
        {
            Bug = m =>
            {
                var random = new Random(5);
                for (int i = 0; i < m.WeightGradient.Length; i++) m.WeightGradient[i] += 0.1 + random.NextDouble();
            },
        };
        var tensor = Check(model, "fc.weight");
        Assert.Equal(FailurePattern.Unrecognized, tensor.Pattern);
        Assert.Contains("no simple pattern", tensor.Diagnosis);
    }

    /// <summary>
    /// A factor that puts the worst entry 2× outside its tolerance is reported as marginal, with the margin and the
    /// advice to recheck numerically; 50 times that factor is named as the constant factor it is.
    /// </summary>
    [Fact]
    public void A_pattern_is_named_only_well_outside_the_tolerances()
    {
        // Every entry estimated in full, so the correct check's tolerances are the ones the buggy entries get (an early pass
        // reports the cheap estimate's tolerance, which is looser than the full estimate a failing entry falls back to).
        var full = new GradientCheckOptions { EarlyDecisions = false };
        var correct = ModelCheck.Run(new LinearTestModel<double>(3, 4), full).Parameters.Single(p => p.Name == "fc.weight").Report;
        double worstRatio = correct.Entries.Max(e => Math.Abs(e.Analytic) / e.Tolerance);
        ParameterReport Scaled(double relative) => ModelCheck.Run(new LinearTestModel<double>(3, 4)
        {
            Bug = m => { for (int i = 0; i < m.WeightGradient.Length; i++) m.WeightGradient[i] *= 1 + relative; },
        }, full).Parameters.Single(p => p.Name == "fc.weight");

        var marginal = Scaled(2 / worstRatio);
        var clear = Scaled(100 / worstRatio);

        Assert.Equal(CheckOutcome.Failed, marginal.Outcome);
        Assert.Equal(FailurePattern.Marginal, marginal.Pattern);
        Assert.Contains("too close to the tolerance to name a pattern", marginal.Diagnosis);
        Assert.Contains("RunExact", marginal.Diagnosis);
        Assert.Equal(FailurePattern.ConstantFactor, clear.Pattern);
        Assert.Equal(1 + 100 / worstRatio, clear.Coefficient!.Value, 1e-6);
    }
}
