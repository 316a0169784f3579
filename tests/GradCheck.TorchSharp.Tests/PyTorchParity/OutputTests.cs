using TorchSharp;
using static TorchSharp.torch;
using static GradCheck.TorchSharp.Tests.Support.PlantedFunctions;

namespace GradCheck.TorchSharp.Tests.PyTorchParity;

/// <summary>
/// Items 5 and 6 of issue 14 (gradcheck.py: _check_outputs, _differentiable_outputs, _check_no_differentiable_outputs):
/// outputs whose shape or dtype changes under a perturbation, and outputs without a derivative.
/// </summary>
public sealed class OutputTests
{
    // Element 0 is so close to 0 that any perturbation of it (or along a direction) crosses 0.
    private static Tensor NearZero() => tensor(new double[] { 1e-12, 1.0, -1.0 }).requires_grad_();

    [Theory]
    [InlineData(TorchCheckMode.Full, "input 0 [0] perturbed from 9.9999999999999998E-13 to")]
    [InlineData(TorchCheckMode.Projection, "input 0 moved by")]
    public void An_output_whose_shape_depends_on_the_values_fails_naming_output_and_perturbation(TorchCheckMode mode, string where)
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<GradientCheckException>(() =>
            TorchGradCheck.Run(t => [t[0] * 3, t[0].masked_select(t[0] > 0)], [NearZero()], new TorchCheckOptions { Mode = mode }));
        Assert.Contains("output 1 changed from [2] (float64) at the point to check to [", e.Message);
        Assert.Contains(where, e.Message);
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void An_output_whose_dtype_depends_on_the_values_fails(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        Func<Tensor[], Tensor> f = t => t[0].min().item<double>() > 0 ? t[0] * 2 : (t[0] * 2).to(float32);
        var x = tensor(new double[] { 1e-12, 1.0 }).requires_grad_(); // positive, until element 0 moves down
        var e = Assert.Throws<GradientCheckException>(() => TorchGradCheck.Run(f, [x], new TorchCheckOptions { Mode = mode }));
        Assert.Contains("output 0 changed from [2] (float64) at the point to check to [2] (float32)", e.Message);
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void An_integer_output_is_skipped_reported_and_the_others_checked(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.3, -0.7, 1.2 }).requires_grad_();
        var report = TorchGradCheck.Run(t => [t[0].argmax(), t[0].sin()], [x], new TorchCheckOptions { Mode = mode });

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["output 1 [3] (float64)"], report.Outputs);
        Assert.Equal("output 0 [] (Int64): not floating-point, so it has no derivative (PyTorch skips it too)", Assert.Single(report.SkippedOutputs));
        Assert.Contains("skipped output 0 []", report.ToString());
        if (mode == TorchCheckMode.Full) Assert.Contains(report.Entries, e => e.Label == "input 0 [2] w.r.t. output 1 [2]");

        // A wrong backward next to the skipped output still fails.
        var wrong = TorchGradCheck.Run(t => [t[0].argmax(), CubeWrongFactor.apply(t[0])], [x], new TorchCheckOptions { Mode = mode });
        Assert.Equal(CheckOutcome.Failed, wrong.Outcome);
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void Outputs_without_grad_are_skipped_on_request(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.3, -0.7 }).requires_grad_();
        var options = new TorchCheckOptions { Mode = mode, SkipOutputsWithoutGrad = true };
        var report = TorchGradCheck.Run(t => [t[0] * 2, t[0].detach().round()], [x], options);

        Assert.True(report.Passed, report.ToString());
        Assert.StartsWith("output 1 [2] (float64): does not require grad", Assert.Single(report.SkippedOutputs));
    }

    [Fact]
    public void A_sparse_output_is_refused_with_what_to_do()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 0.3, 0, 1.2 }).requires_grad_();
        var e = Assert.Throws<ArgumentException>(() => TorchGradCheck.Run(t => (t[0] * 2).to_sparse(), [x]));
        Assert.Contains("output 0 [3] (float64) is a sparse tensor", e.Message);
        Assert.Contains("output.to_dense()", e.Message);
    }
}
