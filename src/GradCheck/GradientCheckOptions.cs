using GradCheck.FiniteDifferences;

namespace GradCheck;

/// <summary>
/// Options of a gradient check. Every property has a working default: <c>new GradientCheckOptions()</c>
/// (or <c>null</c>) is the recommended configuration.
/// </summary>
public sealed partial record GradientCheckOptions : CheckOptions
{
    /// <summary>The default options.</summary>
    public static GradientCheckOptions Default { get; } = new();

    /// <summary>
    /// A fixed finite-difference scheme to use instead of the adaptive default, e.g.
    /// <see cref="FiniteDifferenceScheme.Central(int)"/> for the classic central-difference check. Null: adaptive
    /// Richardson extrapolation with an error estimate per entry.
    /// </summary>
    public FiniteDifferenceScheme? Scheme { get; init; }

    /// <summary>
    /// Absolute step for a fixed <see cref="Scheme"/> (e.g. 1e-3, the classic central-difference check's). Null: the scheme's
    /// standard step ε^(1/(order+1))·max(|x|, 1). Ignored by the adaptive default, which picks its own steps.
    /// </summary>
    public double? Step { get; init; }

    /// <summary>
    /// First step of the adaptive scheme. Null: 0.125 (or |x|/512 for coordinates larger than 64). The steps
    /// shrink by themselves until the differences converge; lowering this only saves evaluations for functions
    /// that change on a much finer scale.
    /// </summary>
    public double? InitialStep { get; init; }

    /// <summary>
    /// A fixed tolerance rule that replaces the error budget, e.g. <see cref="FixedTolerance.AllClose"/>
    /// for PyTorch's rule or <see cref="FixedTolerance.RelativeError"/> for the classic relative-error rule. Null: the error
    /// budget (recommended).
    /// </summary>
    public FixedTolerance? Tolerance { get; init; }

    /// <summary>
    /// Multiplier on the truncation part of each numeric estimate's error (a heuristic from the extrapolation
    /// itself). Null: 10. The rounding part is a measured bound and is counted twice whatever this is. Raise it
    /// for functions whose higher derivatives are wild; lower it to be stricter.
    /// </summary>
    public double? ErrorEstimateSafety { get; init; }

    /// <summary>
    /// The least number of evaluations a check makes: a check that needed fewer repeats f at the point until it has
    /// made this many, each required to reproduce f exactly (within <see cref="CheckOptions.NondeterminismTolerance"/>). Randomness
    /// that strikes rarely shows only in enough calls: with the default, a function random on 2 % of its calls (dropout
    /// on the loss) is refused in 99.9 % of checks. Null: 342. 0 or any count below what the check needs: no repeats.
    /// </summary>
    public int? DeterminismEvaluations { get; init; }

    /// <summary>
    /// The scale an entry's tolerance is resolved against when the checked gradient is zero at floating-point precision
    /// relative to it (see <see cref="Verdicts.ErrorBudget"/>): <see cref="ModelCheck"/> sets the model's largest gradient
    /// entry for each tensor. Null: the checked gradient's own largest entry, always.
    /// </summary>
    internal double? ResolutionScale { get; init; }

    /// <summary>
    /// Decide an entry on a cheap estimate when it passes decisively (see <see cref="Internal.EarlyDecision"/>); false:
    /// every entry gets the full adaptive estimate (for tests that compare the two). Default true.
    /// </summary>
    internal bool EarlyDecisions { get; init; } = true;

    /// <summary>Check only these coordinates (in this order). Null: all of them, or a sample (<see cref="SampleSize"/>).</summary>
    public IReadOnlyList<int>? Indices { get; init; }

    /// <summary>Check a random sample of this many coordinates, drawn with <see cref="Seed"/>. Null: all.</summary>
    public int? SampleSize { get; init; }

    /// <summary>Seed for samples and random directions. Null: a fixed default, so runs are reproducible.</summary>
    public int? Seed { get; init; }

    /// <summary>
    /// Call the gradient (a model's Backward()) twice at the point: every entry whose second value differs from the
    /// first by more than <see cref="CheckOptions.NondeterminismTolerance"/> fails as <see cref="EntryVerdict.NotReentrant"/>
    /// (PyTorch's "Backward is not reentrant"), sampled or not. Default true; false checks the first result only.
    /// </summary>
    public bool CheckGradientReentrancy { get; init; } = true;

    /// <summary>Receives progress after each checked entry (for progress bars).</summary>
    public IProgress<CheckProgress>? Progress { get; init; }

    /// <summary>Names an entry in reports; null: <c>x[i]</c>.</summary>
    public Func<int, string>? EntryName { get; init; }

    internal int EffectiveSeed => Seed ?? GradientCheckDefaults.Seed;

    // Fast mode and parallelism (issue 3)

    /// <summary>
    /// <see cref="CheckMode.Full"/> (default) checks every coordinate; <see cref="CheckMode.Fast"/> checks a few random
    /// directions and, when one fails, locates the wrong entries by group testing (see docs/fast-mode.md).
    /// </summary>
    public CheckMode Mode { get; init; } = CheckMode.Full;

    /// <summary>
    /// Number of random ±1 directions checked in <see cref="CheckMode.Fast"/>. Null: 5, at most 16 evaluations each
    /// on smooth functions. A single entry wrong beyond the threshold in the report's method line fails every
    /// direction; k directions are for errors that cancel (two opposite errors are missed with probability 2⁻ᵏ).
    /// </summary>
    public int? FastDirections { get; init; }

    /// <summary>
    /// Evaluate coordinates or directions on this many threads, each on its own copy of the point (the caller's
    /// array is never perturbed concurrently). Default 1. Above 1 the function (and the gradient) must be
    /// thread-safe; results are identical to a sequential run.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;
}

/// <summary>Progress of a running check.</summary>
/// <param name="EntriesDone">Entries checked so far.</param>
/// <param name="EntriesTotal">Entries the check will examine.</param>
/// <param name="FunctionEvaluations">Function evaluations so far.</param>
public readonly record struct CheckProgress(int EntriesDone, int EntriesTotal, int FunctionEvaluations);
