namespace GradCheck;

/// <summary>Options of <see cref="DescentCheck"/>. Every property has a working default.</summary>
public sealed record DescentCheckOptions : CheckOptions
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
}
