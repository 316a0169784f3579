using TorchSharp;
using static TorchSharp.torch;
using static GradCheck.TorchSharp.Tests.Support.ContractFunctions;

namespace GradCheck.TorchSharp.Tests.PyTorchParity;

/// <summary>
/// Item 4 of issue 14, from gradcheck.py's _test_backward_mul_by_grad_output and _test_undefined_backward_mode
/// (test_autograd.py: test_gradcheck_undefined_grad, test_gradcheck_validates_input_mode): contracts a backward keeps
/// whatever the tolerance, in full and projection mode.
/// </summary>
public sealed class BackwardContractTests
{
    private static Tensor X() => tensor(new double[] { 0.5, -1.25, 2.0 }).requires_grad_();

    private static TorchCheckOptions Options(TorchCheckMode mode, GradientCheckOptions? core = null) => new() { Mode = mode, Check = core };

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void A_backward_that_ignores_grad_output_fails_even_with_a_loose_tolerance(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        // atol 0.1 hides the +1e-2 from the Jacobian comparison; with grad_output 0 the gradient must be exactly 0.
        var loose = new GradientCheckOptions { Tolerance = FixedTolerance.AllClose(0.1, 0) };
        var report = TorchGradCheck.Run(t => IgnoresGradOutput.apply(t[0]), [X()], Options(mode, loose));

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        // Only the contract entries fail (the Jacobian entries are within the loose tolerance): each of the 3 elements
        // with grad_output 0, and again with it undefined (TorchSharp hands the backward zeros for an undefined gradient).
        Assert.Equal(6, report.Failures.Count);
        Assert.All(report.Failures, f => Assert.Equal(0.01, f.Analytic, 15));
        Assert.All(report.Failures, f => Assert.Equal(0, f.Numeric));
        Assert.Contains("input 0 [1] with every grad_output 0 (the backward must scale by grad_output)", report.FailureMessage());
        Assert.Equal(3, report.Failures.Count(f => f.Label.Contains("with every output's gradient undefined", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void A_sparse_gradient_for_a_dense_input_fails_as_incorrect_layout(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<GradientCheckException>(() => TorchGradCheck.Run(t => SparseGradient.apply(t[0]), [X()], Options(mode)));
        Assert.Contains("The gradient of input 0 is sparse_coo but input 0 is strided (dense) (grad is incorrect layout", e.Message);
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void A_gradient_of_the_wrong_dtype_fails_as_dtype_mismatch(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<CustomBackwardException>(() => TorchGradCheck.Run(t => GuardedWrongDtype.apply(t[0]), [X()], Options(mode)));
        Assert.Contains("returned for input 0 a gradient of dtype float32 for an input of dtype float64 (dtype mismatch", e.Message);
        Assert.Equal("GuardedWrongDtype", e.FunctionName);
        Assert.Equal(0, e.Input);
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void Undefined_output_gradients_reach_the_backward_and_one_that_handles_them_passes(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var report = TorchGradCheck.Run(t => PairHandlesUndefined.apply(t[0]).ToArray(), [X()], Options(mode));
        Assert.True(report.Passed, report.ToString());
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void A_backward_that_uses_an_undefined_gradient_fails_naming_the_function(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<CustomBackwardException>(() => TorchGradCheck.Run(t => PairAssumesDefined.apply(t[0]).ToArray(), [X()], Options(mode)));
        Assert.Contains("The backward of custom function PairAssumesDefined threw InvalidOperationException", e.Message);
        Assert.Contains("zero or undefined grad_outputs", e.Message);

        if (mode != TorchCheckMode.Projection) return;
        // PyTorch's check_undefined_grad=False: the projection's one backward pass weights every output, so every
        // gradient is defined and the function passes. (The full mode's per-output rows leave the other output's
        // gradient undefined, as PyTorch's do, and fail it anyway.)
        var report = TorchGradCheck.Run(t => PairAssumesDefined.apply(t[0]).ToArray(), [X()], Options(mode) with { CheckUndefinedGrad = false });
        Assert.True(report.Passed, report.ToString());
    }

    [Theory]
    [InlineData(TorchCheckMode.Full)]
    [InlineData(TorchCheckMode.Projection)]
    public void A_backward_that_treats_an_undefined_gradient_as_ones_fails_in_every_element(TorchCheckMode mode)
    {
        using var scope = NewDisposeScope();
        var report = TorchGradCheck.Run(t => PairUndefinedAsOnes.apply(t[0]).ToArray(), [X()], Options(mode));
        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        var labels = report.Failures.Select(f => f.Label).ToArray();
        // All undefined: 2 + 3 = 5 per element; output 0 undefined (output 1's gradient 0): 2; output 1 undefined: 3.
        Assert.Contains("input 0 [2] with every output's gradient undefined (the backward must scale by grad_output)", labels);
        Assert.Equal(5, report.Failures.Single(f => f.Label.StartsWith("input 0 [0] with every output's", StringComparison.Ordinal)).Analytic);
        Assert.Equal(2, report.Failures.Single(f => f.Label.StartsWith("input 0 [0] with the gradient of output 0 undefined", StringComparison.Ordinal)).Analytic);
        Assert.Equal(3, report.Failures.Single(f => f.Label.StartsWith("input 0 [0] with the gradient of output 1 undefined", StringComparison.Ordinal)).Analytic);
        // 3 elements × 3 conditions; in full mode the Jacobian rows (one output's gradient undefined) fail as well.
        Assert.Equal(9, report.Failures.Count(f => f.Label.Contains(" with ", StringComparison.Ordinal) && f.Label.Contains("undefined", StringComparison.Ordinal)));
    }

    [Fact]
    public void Built_in_ops_keep_every_contract()
    {
        using var scope = NewDisposeScope();
        var report = TorchGradCheck.Run(t => [t[0].sin() * t[0], t[0].exp()], [X()]);
        Assert.True(report.Passed, report.ToString());
    }
}
