using GradCheck.TorchSharp.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>The fast mode: one random projection vᵀJu per input, one backward pass in all.</summary>
public sealed class ProjectionModeTests
{
    private static readonly TorchCheckOptions Fast = new() { Mode = TorchCheckMode.Projection };

    private static Tensor[] LinearPoint()
    {
        torch.random.manual_seed(7);
        return [randn(3, 2, dtype: float64).requires_grad_(), randn(2, 2, dtype: float64).requires_grad_(), randn(2, dtype: float64).requires_grad_()];
    }

    [Fact]
    public void CorrectFunctionPassesWithOneEntryPerInputAndFarFewerPasses()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(22);
        Tensor[] inputs = [randn(1, 2, 3, 3, dtype: float64).requires_grad_(), randn(2, 2, 2, 2, dtype: float64).requires_grad_()];
        Func<Tensor[], Tensor> conv = t => nn.functional.conv2d(t[0], t[1], padding: [1]).tanh();

        // The algorithms' own costs, without the repeats that top every check up to the 342-evaluation determinism floor.
        var noFloor = new GradientCheckOptions { DeterminismEvaluations = 0 };
        var fast = TorchGradCheck.Run(conv, inputs, Fast with { Check = noFloor });
        var full = TorchGradCheck.Run(conv, inputs, new TorchCheckOptions { Check = noFloor });

        Assert.True(fast.Passed, fast.ToString());
        Assert.True(full.Passed, full.ToString());
        Assert.Equal(2, fast.Entries.Count());
        Assert.Equal(2, fast.BackwardPasses); // one, plus the reentrancy repeat
        Assert.True(fast.FunctionEvaluations * 5 < full.FunctionEvaluations, $"{fast.Summary}\n{full.Summary}");
        Assert.True(fast.BackwardPasses * 10 < full.BackwardPasses);
    }

    [Fact]
    public void CoreFastModeSelectsTheProjection()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(23);
        Tensor[] inputs = [randn(2, 3, dtype: float64).requires_grad_()];

        var report = TorchGradCheck.Run(t => t[0].tanh().sum(1), inputs, new GradientCheckOptions { Mode = CheckMode.Fast });

        Assert.True(report.Passed, report.ToString());
        Assert.Single(report.Entries);
    }

    [Theory]
    [InlineData("factor")]
    [InlineData("transposed-dW")]
    [InlineData("missing-term")]
    public void PlantedBugsAreCaughtAndLocatedToTheirInput(string bug)
    {
        using var scope = NewDisposeScope();
        var inputs = LinearPoint();
        Func<Tensor[], Tensor> function = bug switch
        {
            "factor" => t => PlantedFunctions.CubeWrongFactor.apply(t[0]) + PlantedFunctions.Linear.apply(t[0], t[1], t[2])[0],
            "transposed-dW" => t => PlantedFunctions.LinearTransposedWeightGradient.apply(t[0], t[1], t[2])[0],
            _ => t => PlantedFunctions.LinearMissingTerm.apply(t[0], t[1], t[2])[0],
        };
        int wrong = bug switch { "factor" => 0, "transposed-dW" => 1, _ => 2 };

        var report = TorchGradCheck.Run(function, inputs, Fast);

        Assert.False(report.Passed);
        Assert.Equal([wrong], report.Inputs.Where(i => !i.Passed).Select(i => i.Position));
        Assert.Contains("(projection)", report.Failures.Single().Name);
    }

    [Fact]
    public void Float32ModulePassesInProjectionMode()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(8);
        var net = nn.Sequential(("fc1", nn.Linear(3, 4)), ("act", nn.Tanh()), ("fc2", nn.Linear(4, 2)));
        var x = randn(5, 3);
        var report = TorchGradCheck.RunModule(net, () => net.call(x).pow(2).mean(), Fast);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal("float32", report.Precision);
        Assert.Equal(4, report.Entries.Count());
    }
}
