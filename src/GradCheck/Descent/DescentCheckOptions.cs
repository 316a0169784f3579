namespace GradCheck;

/// <summary>Options of <see cref="DescentCheck"/>. Every property has a working default.</summary>
public sealed record DescentCheckOptions
{
    /// <summary>The default options.</summary>
    public static DescentCheckOptions Default { get; } = new();

    /// <summary>
    /// The first (largest) learning rate η₀. Null: the η at which the step η·g moves the point by an eighth of
    /// its typical coordinate magnitude. The rates halve from there until rounding dominates.
    /// </summary>
    public double? InitialStepSize { get; init; }

    /// <summary>Multiplier on the extrapolation's own error estimate in the verdict. Null: 10, as in the core check.</summary>
    public double? ErrorEstimateSafety { get; init; }

    /// <summary>Rounding noise of one value of f, in epsilons of the element type times |f|. Null: 8.</summary>
    public double? FunctionNoiseUlps { get; init; }

    /// <summary>
    /// How much two values of f at the same point may differ (absolute) and still count as the same, as
    /// <see cref="GradientCheckOptions.NondeterminismTolerance"/>: 0 (default) requires bit-identical repeats; set it to
    /// the known noise of a function with parallel reductions or atomics instead of having it refused as random.
    /// </summary>
    public double NondeterminismTolerance { get; init; }

    /// <summary>
    /// Accept an inconclusive check: <c>ThrowIfFailed()</c> then does not throw <see cref="InconclusiveCheckException"/>.
    /// Default false: a check that could not measure anything has checked nothing.
    /// </summary>
    public bool AcceptInconclusive { get; init; }
}
