namespace GradCheck;

// Options for real models' shapes (issue 16): replayable randomness and backward passes that accumulate.
public sealed partial record GradientCheckOptions
{
    /// <summary>
    /// Runs before every evaluation: every call of the function and of the gradient (for a model, before every
    /// <see cref="IDifferentiableModel{T}.Loss"/>). The core counterpart of GradCheck.TorchSharp's
    /// <c>RandomnessHandling.ReplaySeed</c>: re-seed your own generator here (<c>() =&gt; model.Rng = new Random(7)</c>) and a
    /// model with dropout draws the same mask at every evaluation, so finite differences see one smooth function.
    /// Null (default): nothing runs, and a function whose randomness is not replayed is refused as non-deterministic.
    /// With <see cref="MaxDegreeOfParallelism"/> above 1 it runs on several threads at once: keep per-thread generators.
    /// </summary>
    public Action? BeforeEvaluation { get; init; }

    /// <summary>
    /// For <see cref="ModelCheck"/> and <see cref="GradientMonitor{T}"/>: zero every parameter's gradient before each
    /// <see cref="IDifferentiableModel{T}.Backward"/>, for a backward pass that accumulates (+=) into its buffers the
    /// way training libraries' do. The model's <see cref="IZeroGradients"/> does it when implemented; otherwise each
    /// buffer is cleared (a <see cref="Parameter{T}.FromAccessors"/> parameter needs its <c>clearGradient</c> action).
    /// The report's warnings say that it happened. Default false: a second Backward() that differs fails as not reentrant.
    /// Ignored by checks of plain functions.
    /// </summary>
    public bool ZeroGradientsBeforeBackward { get; init; }
}
