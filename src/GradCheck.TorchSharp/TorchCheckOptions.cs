namespace GradCheck.TorchSharp;

/// <summary>
/// Options of a TorchSharp check: the core's <see cref="GradientCheckOptions"/> plus what only tensors and
/// modules have (precision, randomness). <c>new TorchCheckOptions()</c> is the recommended configuration.
/// </summary>
public sealed record TorchCheckOptions
{
    /// <summary>The default options.</summary>
    public static TorchCheckOptions Default { get; } = new();

    /// <summary>
    /// Core options where TorchSharp options are expected: every other setting at its default. The conversion also makes
    /// <c>TorchGradCheck.Run(f, inputs, null)</c> unambiguous (null then means the core defaults).
    /// </summary>
    public static implicit operator TorchCheckOptions(GradientCheckOptions? options) => FromGradientCheckOptions(options);

    /// <summary>The named form of the implicit conversion from the core options.</summary>
    public static TorchCheckOptions FromGradientCheckOptions(GradientCheckOptions? options) => options is null ? Default : new() { Check = options };

    /// <summary>
    /// The core options (scheme, tolerance, safety factors, determinism tolerance). <c>Indices</c> and
    /// <c>SampleSize</c> apply to the flat elements of each checked tensor separately. <c>EntryName</c> is
    /// ignored: entries are named after inputs, outputs and parameters. Null: the core defaults.
    /// </summary>
    public GradientCheckOptions? Check { get; init; }

    /// <summary>
    /// Full Jacobian (default) or one random projection per input (fast). The core's
    /// <c>Check.Mode = CheckMode.Fast</c> selects the projection too, so one option works everywhere.
    /// </summary>
    public TorchCheckMode Mode { get; init; } = TorchCheckMode.Full;

    /// <summary>The mode in force: <see cref="Mode"/>, or Projection when the core options ask for fast mode.</summary>
    internal TorchCheckMode EffectiveMode => Check?.Mode == CheckMode.Fast ? TorchCheckMode.Projection : Mode;

    /// <summary>The element type the check runs in. Default: the tensors' own type.</summary>
    public CheckPrecision Precision { get; init; } = CheckPrecision.AsGiven;

    /// <summary>How randomness inside the function (dropout, sampling) is handled. Default: refuse it.</summary>
    public RandomnessHandling Randomness { get; init; } = RandomnessHandling.Refuse;

    /// <summary>The seed set before every evaluation when <see cref="Randomness"/> is <see cref="RandomnessHandling.ReplaySeed"/>.</summary>
    public long ReplaySeed { get; init; } = 20_261_127;

    /// <summary>
    /// Check the backward pass twice (two separate forward passes): every entry that changed by more than the core
    /// options' <c>NondeterminismTolerance</c> fails as <see cref="EntryVerdict.NotReentrant"/> (PyTorch's "Backward is
    /// not reentrant"). Default true; false (here or in the core options' <c>CheckGradientReentrancy</c>) halves the
    /// number of backward passes, and checks the first pass only.
    /// </summary>
    public bool CheckBackwardReentrancy { get; init; } = true;

    /// <summary>
    /// Run libtorch single-threaded during the check (the thread count is restored afterwards). Default true: a check
    /// makes many passes over small tensors, where intra-op threads cost more than they give.
    /// </summary>
    public bool SingleThreaded { get; init; } = true;

    /// <summary>
    /// Also run the backward with undefined output gradients (PyTorch's <c>check_undefined_grad</c>): every output's
    /// gradient undefined, then (with several outputs) one at a time with the others 0; every input gradient must be 0.
    /// Default true. A custom function that calls <c>set_materialize_grads(false)</c> sees undefined tensors there; if it
    /// is not a <see cref="GuardedMultiTensorFunction{T}"/>, a backward that then throws ends the process (TorchSharp),
    /// so guard it or set this to false.
    /// </summary>
    public bool CheckUndefinedGrad { get; init; } = true;

    /// <summary>
    /// Skip floating-point outputs that do not require grad (marked non-differentiable with
    /// <c>ctx.mark_non_differentiable</c>, or detached) and check the others, as PyTorch does; the report lists them in
    /// <see cref="TensorCheckReport.SkippedOutputs"/>. Default false: such an output is refused, because an output cut
    /// off from autograd by mistake (a stray <c>.detach()</c>) looks the same. Integer and boolean outputs are always skipped.
    /// </summary>
    public bool SkipOutputsWithoutGrad { get; init; }

    internal GradientCheckOptions Core => Check ?? GradientCheckOptions.Default;
}

/// <summary>How much of the Jacobian a check compares.</summary>
public enum TorchCheckMode
{
    /// <summary>Every entry: one backward pass per output element, one adaptive estimate per input and output element. Locates wrong entries.</summary>
    Full,

    /// <summary>
    /// Per checked input one random projection vᵀ·J·u (seeded by the core options' Seed): one backward pass in all and about
    /// ten forward passes per input. A wrong block is caught with probability 1 and located to its input, not its entries.
    /// </summary>
    Projection,
}

/// <summary>The element type a check runs in.</summary>
public enum CheckPrecision
{
    /// <summary>The tensors' own floating-point type (float32 checks use float32's error budget).</summary>
    AsGiven,

    /// <summary>
    /// Float64 on copies: floating inputs are copied to float64 (the originals are never touched) and the function
    /// runs on the copies, so it must not hard-code float32 (create new tensors with the input's dtype). For modules
    /// the parameters are temporarily converted and restored bit-exactly afterwards.
    /// </summary>
    Float64,
}

/// <summary>How a function that draws random numbers is handled.</summary>
public enum RandomnessHandling
{
    /// <summary>
    /// Like the core: evaluate twice at the same point and throw <see cref="NonDeterministicFunctionException"/>
    /// when the outputs differ, with advice.
    /// </summary>
    Refuse,

    /// <summary>
    /// Re-seed TorchSharp's global generator (<c>torch.random.manual_seed(ReplaySeed)</c>) before every evaluation,
    /// the analytic forward passes included, so every call draws the same dropout masks: a training-mode network with
    /// dropout is checked as the fixed function it is for one draw. The global generator state is restored afterwards.
    /// </summary>
    ReplaySeed,

    /// <summary>
    /// Modules only: run the module in <c>eval()</c> mode during the check (dropout off, batch norm on running
    /// statistics); every submodule's training flag is restored afterwards. For plain functions this is the same as Refuse.
    /// </summary>
    EvalMode,
}
