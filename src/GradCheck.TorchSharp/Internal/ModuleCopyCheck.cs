using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// A module checked in float64 on a copy: TorchSharp's <c>module.to(float64)</c> disposes and replaces the parameter
/// tensors, so it is applied to a fresh instance loaded with the module's state, never to the module itself.
/// </summary>
internal static class ModuleCopyCheck
{
    public static TensorCheckReport Run<TModule>(TModule module, Func<TModule> createCopy, Func<TModule, Tensor> loss, TorchCheckOptions options, CancellationToken cancellation)
        where TModule : nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(createCopy);
        ArgumentNullException.ThrowIfNull(loss);
        using var copy = createCopy();
        if (copy is null || ReferenceEquals(copy, module))
            throw new ArgumentException("createCopy must return a new instance of the module's architecture (not the module itself).", nameof(createCopy));
        using (var scope = NewDisposeScope())
        {
            // Strict: a copy with different parameter names or shapes is a different architecture, and would be checked in vain.
            copy.load_state_dict(module.state_dict(), strict: true);
        }
        copy.to(ScalarType.Float64);

        var frozen = module.named_parameters().Where(p => !p.parameter.requires_grad).Select(p => p.name).ToHashSet();
        foreach (var (name, parameter) in copy.named_parameters())
            if (frozen.Contains(name)) parameter.requires_grad = false;
        // train() is recursive and named_modules lists parents first: the module's own flag, then each submodule's.
        var flags = module.named_modules().ToDictionary(m => m.name, m => m.module.training);
        copy.train(module.training);
        foreach (var (name, submodule) in copy.named_modules())
            if (flags.TryGetValue(name, out bool training)) submodule.train(training);

        return ModuleCheck.Run(copy, () => loss(copy), options with { Precision = CheckPrecision.AsGiven }, cancellation);
    }
}
