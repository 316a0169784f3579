using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// Restores the global state a check may touch, whatever the outcome: the global RNG state (re-seeded by
/// <see cref="RandomnessHandling.ReplaySeed"/>, advanced by dropout), the grad mode, and the training flag of every
/// submodule (changed by <see cref="RandomnessHandling.EvalMode"/>).
/// </summary>
internal sealed class TorchStateGuard : IDisposable
{
    private readonly Tensor _rngState;
    private readonly bool _gradEnabled;
    private readonly (nn.Module Module, bool Training)[] _training;

    public TorchStateGuard(nn.Module? module)
    {
        // Detached from any dispose scope of the caller: the guard owns this tensor until Dispose.
        _rngState = torch.random.get_rng_state().DetachFromDisposeScope();
        _gradEnabled = is_grad_enabled();
        _training = module is null ? [] : new[] { module }.Concat(module.modules()).Distinct().Select(m => (m, m.training)).ToArray();
    }

    public void Dispose()
    {
        torch.random.set_rng_state(_rngState);
        _rngState.Dispose();
        // modules() lists parents before children and train() is recursive: restoring in this order gives
        // every submodule its own flag back, mixed modes included.
        foreach (var (module, training) in _training) module.train(training);
        if (is_grad_enabled() != _gradEnabled)
        {
            // Only reached if a user function leaked a grad-mode change; set it back and keep it set.
            _ = set_grad_enabled(_gradEnabled);
        }
    }
}
