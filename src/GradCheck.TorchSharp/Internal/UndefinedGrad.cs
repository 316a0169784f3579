using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// PyTorch's <c>_UndefinedGrad</c>: the identity whose backward returns undefined gradients. TorchSharp's
/// <c>autograd.grad</c> cannot take a null grad_output (it throws NullReferenceException), but a custom backward may
/// return null, so an output routed through this reaches the function's backward with an undefined gradient
/// (materialized to zeros unless the function called <c>set_materialize_grads(false)</c>).
/// </summary>
internal sealed class UndefinedGrad : autograd.MultiTensorFunction<UndefinedGrad>
{
    public override string Name => "GradCheck.UndefinedGrad";

    public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars) =>
        vars.Select(v => ((Tensor)v).clone()).ToList();

    public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> grad_outputs) =>
        grad_outputs.Select(_ => (Tensor)null!).ToList();
}
