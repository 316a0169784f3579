namespace GradCheck;

/// <summary>Options of <see cref="HessianCheck"/>. Every property has a working default.</summary>
public sealed record HessianCheckOptions : CheckOptions
{
    /// <summary>The default options.</summary>
    public static HessianCheckOptions Default { get; } = new();

    /// <summary>
    /// The vectors v at which to check H·v (each of the point's length). Null: <see cref="DirectionCount"/> random
    /// directions drawn with <see cref="Seed"/>, entries N(0, 1)·|xᵢ| (zeros get the typical magnitude).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? Directions { get; init; }

    /// <summary>How many random directions when <see cref="Directions"/> is null. Default 2.</summary>
    public int DirectionCount { get; init; } = 2;

    /// <summary>Seed of the random directions. Null: a fixed default, so runs are reproducible.</summary>
    public int? Seed { get; init; }

    /// <summary>First step along v of the adaptive estimator, relative to v scaled to the point's magnitude. Null: 0.125.</summary>
    public double? InitialStep { get; init; }

    /// <summary>Multiplier on the numeric error estimate in the error budget. Null: 10.</summary>
    public double? ErrorEstimateSafety { get; init; }

    /// <summary>
    /// The name this setting had before the options shared a base: the same value as
    /// <see cref="CheckOptions.FunctionNoiseUlps"/> (the function this check differences is the gradient), so setting
    /// either sets both. Null: 8.
    /// </summary>
    public double? GradientNoiseUlps
    {
        get => FunctionNoiseUlps;
        init => FunctionNoiseUlps = value;
    }

    /// <summary>A fixed tolerance rule instead of the error budget. Null: the error budget.</summary>
    public FixedTolerance? Tolerance { get; init; }

    internal int EffectiveSeed => Seed ?? GradientCheckDefaults.Seed;
}
