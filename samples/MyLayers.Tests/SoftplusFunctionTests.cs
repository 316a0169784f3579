using GradCheck;
using GradCheck.TorchSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace MyLayers;

/// <summary>Checking a TorchSharp custom autograd function with TorchGradCheck, as torch.autograd.gradcheck does.</summary>
public sealed class SoftplusFunctionTests
{
    [Fact]
    public void CustomBackwardMatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(3);
        var x = randn(new long[] { 3, 4 }, dtype: float64).requires_grad_();

        TorchGradCheck.Run(t => Softplus.apply(t[0]), [x]).ThrowIfFailed();
    }

    [Fact]
    public void AWrongBackwardIsCaught()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(3);
        var x = randn(new long[] { 3, 4 }, dtype: float64).requires_grad_();

        var report = TorchGradCheck.Run(t => WrongSoftplus.apply(t[0]), [x]);

        Assert.False(report.Passed);
        Assert.Throws<TensorCheckFailedException>(report.ThrowIfFailed);
    }

    /// <summary>softplus(x) = log(1 + eˣ), with the derivative each subclass writes by hand.</summary>
    private abstract class SoftplusFunction<TSelf> : torch.autograd.SingleTensorFunction<TSelf>
        where TSelf : SoftplusFunction<TSelf>, new()
    {
        public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
        {
            var input = (Tensor)vars[0];
            ctx.save_for_backward([input]);
            return input.exp().log1p();
        }

        public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad_output) =>
            [grad_output * Derivative(ctx.get_saved_variables()[0])];

        protected abstract Tensor Derivative(Tensor input);
    }

    /// <summary>The right derivative: the logistic sigmoid.</summary>
    private sealed class Softplus : SoftplusFunction<Softplus>
    {
        public override string Name => nameof(Softplus);

        protected override Tensor Derivative(Tensor input) => input.sigmoid();
    }

    /// <summary>A wrong derivative: tanh where the sigmoid belongs (right at 0, wrong elsewhere).</summary>
    private sealed class WrongSoftplus : SoftplusFunction<WrongSoftplus>
    {
        public override string Name => nameof(WrongSoftplus);

        protected override Tensor Derivative(Tensor input) => 0.5 + 0.5 * input.tanh();
    }
}
