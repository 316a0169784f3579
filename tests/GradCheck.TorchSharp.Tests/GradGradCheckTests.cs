using GradCheck.TorchSharp.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests;

/// <summary>Second derivatives through create_graph: a correct double backward passes, a wrong one is caught.</summary>
public sealed class GradGradCheckTests
{
    [Fact]
    public void CorrectDoubleBackwardPassesWithExactSecondDerivatives()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.4, -0.9, 1.3 }).requires_grad_();

        var report = TorchGradCheck.GradGradCheck(t => PlantedFunctions.Cube.apply(t[0]), [x]);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["input 0", "grad_output 0"], report.Inputs.Select(i => i.Name));
        // F(x, v) = v·3x²: dF_k/dx_k = 6·x_k·v_k, dF_k/dv_k = 3x_k², off-diagonal 0.
        var xs = x.detach().data<double>().ToArray();
        var diagonalX = report.Inputs[0].Report.Entries.Where(e => e.Name.EndsWith($"output 0 [{e.Index}]", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, diagonalX.Length);
        var diagonalV = report.Inputs[1].Report.Entries.Where(e => e.Name.EndsWith($"output 0 [{e.Index}]", StringComparison.Ordinal)).ToArray();
        foreach (var e in diagonalV) Assert.Equal(3 * xs[e.Index] * xs[e.Index], e.Analytic, 12);
        Assert.All(diagonalX, e => Assert.Equal(e.Numeric, e.Analytic, 8));
    }

    [Fact]
    public void WrongSecondDerivativeIsCaughtWhileTheFirstDerivativePasses()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.4, -0.9, 1.3 }).requires_grad_();

        var first = TorchGradCheck.Run(t => PlantedFunctions.CubeWrongSecondDerivative.apply(t[0]), [x]);
        var second = TorchGradCheck.GradGradCheck(t => PlantedFunctions.CubeWrongSecondDerivative.apply(t[0]), [x]);

        Assert.True(first.Passed, first.ToString());
        Assert.False(second.Passed);
        // Located: d/dx of the backward is wrong (0 instead of 6xv) on the diagonal; d/dv (= 3x²) is right.
        Assert.Equal(["input 0"], second.Inputs.Where(i => !i.Passed).Select(i => i.Name));
        Assert.Equal(3, second.Failures.Count);
        Assert.All(second.Failures, e => Assert.Equal(0, e.Analytic));
    }

    [Fact]
    public void BuiltInOpsPassGradGradCheck()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(3);
        var x = randn(2, 3, dtype: float64).requires_grad_();
        var w = randn(3, 3, dtype: float64).requires_grad_();

        var report = TorchGradCheck.GradGradCheck(t => [nn.functional.softmax(t[0].matmul(t[1]), 1), t[0].tanh()], [x, w]);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(4, report.Inputs.Count); // x, w, and one vector per output
    }
}
