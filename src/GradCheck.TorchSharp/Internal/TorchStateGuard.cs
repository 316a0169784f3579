using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// Restores the global state a check may touch, whatever the outcome: the global RNG state (re-seeded by
/// <see cref="RandomnessHandling.ReplaySeed"/>, advanced by dropout), the grad mode, and the training flag of every
/// submodule (changed by <see cref="RandomnessHandling.EvalMode"/>), and the intra-op thread count.
/// </summary>
internal sealed class TorchStateGuard : IDisposable
{
    private readonly Tensor _rngState;
    private readonly bool _gradEnabled;
    private readonly (nn.Module Module, bool Training)[] _training;
    private readonly int _threads;

    public TorchStateGuard(nn.Module? module, bool singleThreaded)
    {
        _threads = get_num_threads();
        // Checks run thousands of tiny forward/backward passes; on a busy machine libtorch's intra-op threads cost far
        // more than they give (measured here: 39 ms vs 3 ms per small backward pass with 2 threads vs 1).
        if (singleThreaded && _threads != 1) set_num_threads(1);
        // Detached from any dispose scope of the caller: the guard owns this tensor until Dispose.
        _rngState = torch.random.get_rng_state().DetachFromDisposeScope();
        _gradEnabled = is_grad_enabled();
        _training = module is null ? [] : new[] { module }.Concat(module.modules()).Distinct().Select(m => (m, m.training)).ToArray();
    }

    public void Dispose()
    {
        if (get_num_threads() != _threads) set_num_threads(_threads);
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
