using GradCheck;

namespace MyLayers;

/// <summary>Checking a hand-written backward pass with GradientCheck.Run(...).ThrowIfFailed().</summary>
public sealed class DenseTanhLayerTests
{
    private static readonly double[] X = [0.5, -1.2, 2.0];
    private static readonly double[] Target = [0.3, -0.7];

    [Fact]
    public void BackwardPassMatchesFiniteDifferences()
    {
        var layer = new DenseTanhLayer(inputs: 3, outputs: 2);
        var parameters = RandomParameters(layer.ParameterCount, seed: 7);

        // The whole test: a wrong entry fails it with the entry, both values, the error and the tolerance.
        GradientCheck.Run(p => layer.Loss(p, X, Target), p => layer.Gradient(p, X, Target), parameters).ThrowIfFailed();
    }

    [Fact]
    public void APlantedBugIsCaughtAndNamed()
    {
        var layer = new DenseTanhLayer(inputs: 3, outputs: 2);
        var parameters = RandomParameters(layer.ParameterCount, seed: 7);

        var report = GradientCheck.Run(
            p => layer.Loss(p, X, Target), p => layer.Gradient(p, X, Target, forgetTanhDerivative: true), parameters);

        Assert.False(report.Passed);
        var failure = Assert.Throws<GradientCheckFailedException>(report.ThrowIfFailed);
        // Every parameter's derivative carries the missing factor (1 - y²) < 1, so every entry is wrong.
        Assert.Equal(layer.ParameterCount, report.Failures.Count);
        Assert.Contains("[0]", failure.Message);
    }

    /// <summary>Weights away from 0 so that tanh is neither linear nor saturated (a check at zeros proves little).</summary>
    private static double[] RandomParameters(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() - 0.5)];
    }
}
