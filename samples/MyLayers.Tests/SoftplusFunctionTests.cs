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

    /// <summary>softplus(x) = log(1 + eˣ); its derivative is the logistic sigmoid.</summary>
    private sealed class Softplus : torch.autograd.SingleTensorFunction<Softplus>
    {
        public override string Name => nameof(Softplus);

        public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
        {
            var input = (Tensor)vars[0];
            ctx.save_for_backward([input]);
            return input.exp().log1p();
        }

        public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad_output) =>
            [grad_output * ctx.get_saved_variables()[0].sigmoid()];
    }

    /// <summary>The same forward with a backward that uses tanh for the sigmoid: close near 0, wrong elsewhere.</summary>
    private sealed class WrongSoftplus : torch.autograd.SingleTensorFunction<WrongSoftplus>
    {
        public override string Name => nameof(WrongSoftplus);

        public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
        {
            var input = (Tensor)vars[0];
            ctx.save_for_backward([input]);
            return input.exp().log1p();
        }

        public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad_output) =>
            [grad_output * (0.5 + 0.5 * ctx.get_saved_variables()[0].tanh())];
    }
}
