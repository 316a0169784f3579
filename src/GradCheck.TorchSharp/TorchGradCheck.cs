using GradCheck.TorchSharp.Internal;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp;

/// <summary>
/// gradcheck for TorchSharp: compares the Jacobian that autograd computes (your custom
/// <c>torch.autograd.SingleTensorFunction</c>/<c>MultiTensorFunction</c>, a module, any composition of ops) with
/// GradCheck's adaptive finite differences, entry by entry, with verdicts from the core's error budget.
/// </summary>
/// <example>
/// <code>
/// var x = torch.randn(3, 4, dtype: torch.float64).requires_grad_();
/// var w = torch.randn(5, 4, dtype: torch.float64).requires_grad_();
/// TorchGradCheck.Run(t => MyLinear.apply(t[0], t[1]), [x, w]).ThrowIfFailed();
/// </code>
/// </example>
public static class TorchGradCheck
{
    /// <summary>
    /// Checks the full Jacobian of <paramref name="function"/> with respect to every input that requires grad (the
    /// others are constants), like <c>torch.autograd.gradcheck</c>. Inputs are perturbed in place (without autograd)
    /// and restored bit-exactly; the global RNG state and grad mode are as before after any outcome.
    /// </summary>
    /// <param name="function">A function of the inputs; any output shape. Must not modify its inputs.</param>
    /// <param name="inputs">The point: CPU tensors; the float32/float64 ones with requires_grad are checked.</param>
    /// <param name="options">Core options; null for the defaults. The function is evaluated on one thread whatever
    /// <c>MaxDegreeOfParallelism</c> says: TorchSharp 0.107 can free the temporary scalars of a forward pass while libtorch
    /// reads them when another thread runs at the same time, so the report is the sequential one.</param>
    /// <param name="cancellationToken">Stops the check before its next evaluation with <see cref="OperationCanceledException"/>; the inputs are restored bit-exactly.</param>
    public static TensorCheckReport Run(Func<Tensor[], Tensor> function, Tensor[] inputs, GradientCheckOptions? options = null, CancellationToken cancellationToken = default) =>
        Run(function, inputs, new TorchCheckOptions { Check = options }, cancellationToken);

    /// <inheritdoc cref="Run(Func{Tensor[], Tensor}, Tensor[], GradientCheckOptions?, CancellationToken)"/>
    public static TensorCheckReport Run(Func<Tensor[], Tensor> function, Tensor[] inputs, TorchCheckOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Run(x => [function(x)], inputs, options, cancellationToken);
    }

    /// <summary>The same check for a function with several outputs: every output element against every checked input element.</summary>
    public static TensorCheckReport Run(Func<Tensor[], Tensor[]> function, Tensor[] inputs, GradientCheckOptions? options = null, CancellationToken cancellationToken = default) =>
        Run(function, inputs, new TorchCheckOptions { Check = options }, cancellationToken);

    /// <inheritdoc cref="Run(Func{Tensor[], Tensor[]}, Tensor[], GradientCheckOptions?, CancellationToken)"/>
    public static TensorCheckReport Run(Func<Tensor[], Tensor[]> function, Tensor[] inputs, TorchCheckOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        var pairs = ComplexAsRealPairs.For(function, inputs);
        return pairs.Annotate(TensorJacobianCheck.Run("gradcheck", pairs.Function, pairs.Inputs, pairs.Names, options, null, valuesNeedGrad: false, cancellationToken));
    }

    /// <summary>
    /// Checks second derivatives, like <c>torch.autograd.gradgradcheck</c>: the vector-Jacobian product
    /// (x, v) ↦ vᵀ·∂f/∂x, computed by autograd with <c>create_graph</c>, is itself checked against finite differences
    /// with respect to the inputs and the vector v (fixed pseudo-random values, seeded by the options' Seed).
    /// </summary>
    public static TensorCheckReport GradGradCheck(Func<Tensor[], Tensor> function, Tensor[] inputs, TorchCheckOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        return GradGradCheck(x => [function(x)], inputs, options, cancellationToken);
    }

    /// <inheritdoc cref="GradGradCheck(Func{Tensor[], Tensor}, Tensor[], TorchCheckOptions?, CancellationToken)"/>
    public static TensorCheckReport GradGradCheck(Func<Tensor[], Tensor[]> function, Tensor[] inputs, TorchCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        GradGradCheck(function, inputs, null!, options, cancellationToken);

    /// <summary>
    /// gradgradcheck with the caller's vectors v (PyTorch's <c>grad_outputs</c>), one per output with its shape: those
    /// that require grad are checked like inputs (the second derivative with respect to v), the others are constants.
    /// Without them the vectors are drawn with the core options' <c>Seed</c>.
    /// </summary>
    public static TensorCheckReport GradGradCheck(Func<Tensor[], Tensor[]> function, Tensor[] inputs, Tensor[] gradOutputs, TorchCheckOptions? options,
        CancellationToken cancellationToken = default)
    {
        // gradOutputs: null (from the overload without them) draws the vectors.
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        var pairs = ComplexAsRealPairs.For(function, inputs);
        return pairs.Annotate(SecondDerivatives.Check(pairs.Function, pairs.Inputs, gradOutputs, options ?? TorchCheckOptions.Default, cancellationToken));
    }

    /// <summary>
    /// Checks the gradient of a loss with respect to a module's parameters (those that require grad), named as
    /// <c>named_parameters</c> names them (<c>fc1.weight [3,7]</c>). Parameters, their <c>.grad</c>, every submodule's
    /// training flag, the grad mode and the global RNG state are as before after any outcome.
    /// </summary>
    /// <param name="module">The module whose parameters are checked.</param>
    /// <param name="loss">Computes the loss (any shape) with the module on fixed data, e.g. <c>() =&gt; mse_loss(module.call(x), y)</c>.</param>
    /// <param name="options">Null for the defaults; <see cref="RandomnessHandling.EvalMode"/> or <see cref="RandomnessHandling.ReplaySeed"/> for dropout.</param>
    /// <param name="cancellationToken">Stops the check before its next evaluation with <see cref="OperationCanceledException"/>; the parameters are restored bit-exactly.</param>
    public static TensorCheckReport RunModule(nn.Module module, Func<Tensor> loss, TorchCheckOptions? options = null, CancellationToken cancellationToken = default) =>
        ModuleCheck.Run(module, loss, options ?? TorchCheckOptions.Default, cancellationToken);

    /// <summary>
    /// Checks a (float32) module in float64 on a copy: <paramref name="createCopy"/> builds a new instance of the same
    /// architecture, which is loaded with the module's state (parameters and buffers), converted to float64 and checked
    /// with the module's training flags and frozen parameters. The module itself is never touched.
    /// </summary>
    /// <param name="module">The module to check.</param>
    /// <param name="createCopy">Builds a fresh instance of the same architecture, e.g. <c>() =&gt; new MyNet()</c>.</param>
    /// <param name="loss">The loss of a module instance; it must create its data in the instance's element type, e.g.
    /// <c>m =&gt; mse_loss(m.call(x.to(float64)), y.to(float64))</c>.</param>
    /// <param name="options">Null for the defaults (<see cref="TorchCheckOptions.Precision"/> is ignored: the copy is float64).</param>
    /// <param name="cancellationToken">Stops the check before its next evaluation with <see cref="OperationCanceledException"/>.</param>
    public static TensorCheckReport RunModuleInFloat64<TModule>(TModule module, Func<TModule> createCopy, Func<TModule, Tensor> loss, TorchCheckOptions? options = null,
        CancellationToken cancellationToken = default)
        where TModule : nn.Module =>
        ModuleCopyCheck.Run(module, createCopy, loss, options ?? TorchCheckOptions.Default, cancellationToken);
}
