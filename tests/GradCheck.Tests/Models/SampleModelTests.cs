using System.Numerics;
using GradCheck.Samples;

namespace GradCheck.Tests.Models;

/// <summary>
/// The sample models' hand-written backprops: correct ones pass in float and double; each planted bug fails exactly
/// the tensors it touches, with the expected diagnosis.
/// </summary>
public class SampleModelTests
{
    public static TheoryData<string> Models => ["mlp", "conv"];

    private static IDifferentiableModel<T> Create<T>(string name, PlantedBug bug = PlantedBug.None) where T : IFloatingPointIeee754<T> => name switch
    {
        "mlp" => new SoftmaxMlp<T>(bug: bug),
        _ => new ConvClassifier<T>(bug: bug),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Correct_backprop_passes_in_double(string name)
    {
        var report = ModelCheck.Run(Create<double>(name));
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(report.Dimension, report.EntriesChecked);
        Assert.Empty(report.Warnings);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Correct_backprop_passes_in_float(string name)
    {
        var report = ModelCheck.Run(Create<float>(name));
        Assert.True(report.Passed, report.ToString());
        Assert.Equal("float", report.Details.ElementType);
    }

    [Theory]
    [InlineData("mlp", PlantedBug.TransposedWeightGradient, "fc1.weight", FailurePattern.Transposed, null)]
    [InlineData("mlp", PlantedBug.SignError, "fc2.bias", FailurePattern.SignFlipped, -1.0)]
    [InlineData("mlp", PlantedBug.MissingBiasGradient, "fc1.bias", FailurePattern.MissingPath, null)]
    [InlineData("conv", PlantedBug.TransposedWeightGradient, "conv.weight", FailurePattern.Transposed, null)]
    [InlineData("conv", PlantedBug.SignError, "fc.bias", FailurePattern.SignFlipped, -1.0)]
    [InlineData("conv", PlantedBug.MissingBiasGradient, "conv.bias", FailurePattern.MissingPath, null)]
    public void A_bug_in_one_tensor_fails_only_that_tensor_with_its_diagnosis(string name, PlantedBug bug, string tensor, FailurePattern pattern, double? coefficient)
    {
        var report = ModelCheck.Run(Create<double>(name, bug));

        var failed = Assert.Single(report.Failures);
        Assert.Equal(tensor, failed.Name);
        Assert.Equal(pattern, failed.Pattern);
        if (coefficient is { } expected) Assert.Equal(expected, failed.Coefficient!.Value, 1e-6);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Missing_weight_decay_fails_the_weight_tensors_with_the_coefficient(string name)
    {
        var report = ModelCheck.Run(Create<double>(name, PlantedBug.MissingWeightDecay));

        Assert.Equal(2, report.Failures.Count);
        Assert.All(report.Failures, p =>
        {
            Assert.EndsWith(".weight", p.Name);
            Assert.Equal(FailurePattern.ProportionalToWeights, p.Pattern);
            Assert.Equal(-0.01, p.Coefficient!.Value, 1e-8);
        });
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Forgotten_batch_mean_is_reported_as_the_batch_size_in_every_tensor(string name)
    {
        var model = Create<double>(name, PlantedBug.ForgottenBatchMean);
        int batch = model is SoftmaxMlp<double> mlp ? mlp.BatchSize : ((ConvClassifier<double>)model).BatchSize;

        var report = ModelCheck.Run(model);

        Assert.Equal(4, report.Failures.Count);
        Assert.All(report.Failures, p =>
        {
            Assert.Equal(FailurePattern.ConstantFactor, p.Pattern);
            Assert.Equal(batch, p.Coefficient!.Value, 1e-6);
        });
    }

    [Fact]
    public void A_planted_bug_is_also_caught_in_float()
    {
        var report = ModelCheck.Run(new SoftmaxMlp<float>(bug: PlantedBug.SignError));
        var failed = Assert.Single(report.Failures);
        Assert.Equal("fc2.bias", failed.Name);
        Assert.Equal(FailurePattern.SignFlipped, failed.Pattern);
    }
}
