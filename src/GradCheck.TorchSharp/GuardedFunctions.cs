using GradCheck.TorchSharp.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp;

/// <summary>
/// A <c>torch.autograd.SingleTensorFunction&lt;T&gt;</c> whose backward cannot kill the process. TorchSharp calls a
/// custom backward from native code, where a managed exception or a gradient of the wrong shape ends the process
/// (see docs/torchsharp-gradcheck.md). Derive from this class instead and implement <see cref="ForwardPass"/> and
/// <see cref="BackwardPass"/> as you would <c>forward</c> and <c>backward</c>: an exception, or a gradient whose count,
/// shape, dtype or layout does not fit the inputs, is recorded with the function's name, the input and both shapes,
/// libtorch receives undefined (zero) gradients, and the check fails with <see cref="CustomBackwardException"/>.
/// </summary>
public abstract class GuardedSingleTensorFunction<T> : autograd.SingleTensorFunction<T> where T : GuardedSingleTensorFunction<T>, new()
{
    /// <inheritdoc />
    public sealed override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        BackwardGuard.SaveInputs(ctx, vars);
        return ForwardPass(ctx, vars);
    }

    /// <inheritdoc />
    public sealed override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output) =>
        BackwardGuard.Run(Name, ctx, () => BackwardPass(ctx, grad_output));

    /// <summary>The forward computation (what <c>forward</c> would be).</summary>
    public abstract Tensor ForwardPass(autograd.AutogradContext ctx, object[] vars);

    /// <summary>The gradients, one per argument of <c>apply</c> (null for non-tensor arguments), as <c>backward</c> would return them.</summary>
    public abstract List<Tensor> BackwardPass(autograd.AutogradContext ctx, Tensor gradOutput);
}

/// <summary>The guarded <c>torch.autograd.MultiTensorFunction&lt;T&gt;</c>: see <see cref="GuardedSingleTensorFunction{T}"/>.</summary>
public abstract class GuardedMultiTensorFunction<T> : autograd.MultiTensorFunction<T> where T : GuardedMultiTensorFunction<T>, new()
{
    /// <inheritdoc />
    public sealed override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
    {
        BackwardGuard.SaveInputs(ctx, vars);
        return ForwardPass(ctx, vars);
    }

    /// <inheritdoc />
    public sealed override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> grad_outputs) =>
        BackwardGuard.Run(Name, ctx, () => BackwardPass(ctx, grad_outputs));

    /// <summary>The forward computation (what <c>forward</c> would be).</summary>
    public abstract List<Tensor> ForwardPass(autograd.AutogradContext ctx, object[] vars);

    /// <summary>
    /// The gradients, one per argument of <c>apply</c>. An output's gradient is an undefined tensor (<c>IsInvalid</c>)
    /// when it did not reach the loss and the forward called <c>ctx.set_materialize_grads(false)</c>.
    /// </summary>
    public abstract List<Tensor> BackwardPass(autograd.AutogradContext ctx, List<Tensor> gradOutputs);
}
