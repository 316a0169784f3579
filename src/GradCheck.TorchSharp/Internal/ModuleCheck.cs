using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>A module's parameters as the inputs of a tensor function: the loss closure reads them through the module.</summary>
internal static class ModuleCheck
{
    public static TensorCheckReport Run(nn.Module module, Func<Tensor> loss, TorchCheckOptions options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(loss);
        if (options.Precision == CheckPrecision.Float64)
            throw new ArgumentException(
                "CheckPrecision.Float64 is not supported for modules: module.to(float64) disposes and replaces the module's parameter tensors, which would break every reference to them (an optimizer's, yours). "
                + "Use TorchGradCheck.RunModuleInFloat64, which checks a float64 copy of the module.", nameof(options));
        var parameters = module.named_parameters().ToArray();
        if (parameters.Length == 0)
            throw new ArgumentException("The module has no parameters to check.", nameof(module));
        Tensor[] inputs = parameters.Select(p => (Tensor)p.parameter).ToArray();
        string[] names = parameters.Select(p => p.name).ToArray();
        // Buffers change under the check's many forward passes (batch norm's running statistics in training mode):
        // put them back afterwards. The tensors are cloned outside any caller's dispose scope and freed here.
        var buffers = module.buffers().ToArray();
        var saved = buffers.Select(b => b.detach().clone().DetachFromDisposeScope()).ToArray();
        try
        {
            return TensorJacobianCheck.Run("module check", _ => [loss()], inputs, names, options, module, valuesNeedGrad: false, cancellation);
        }
        finally
        {
            using (no_grad())
            {
                for (int i = 0; i < buffers.Length; i++) buffers[i].copy_(saved[i]);
            }
            foreach (var copy in saved) copy.Dispose();
        }
    }
}
