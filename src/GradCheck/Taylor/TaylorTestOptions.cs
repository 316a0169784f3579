namespace GradCheck;

/// <summary>
/// Options of <see cref="TaylorTest"/>. Every property has a working default; none needs a step size.
/// </summary>
public sealed record TaylorTestOptions : CheckOptions
{
    /// <summary>The default options.</summary>
    public static TaylorTestOptions Default { get; } = new();

    /// <summary>
    /// The direction d to test along (same length as the point). Null: a random direction drawn with
    /// <see cref="Seed"/>, with entries N(0, 1)·|xᵢ| (zeros in x get the typical magnitude of the others).
    /// </summary>
    public IReadOnlyList<double>? Direction { get; init; }

    /// <summary>Seed of the random direction. Null: a fixed default, so runs are reproducible.</summary>
    public int? Seed { get; init; }

    /// <summary>
    /// First step h₀ (the point moves by h₀·d). Null: 1/8, i.e. about an eighth of each coordinate's magnitude
    /// along the default direction. Steps halve from there until rounding dominates, so this rarely matters.
    /// </summary>
    public double? InitialStep { get; init; }

    /// <summary>
    /// Smallest observed order of the remainder that passes. Null: 1.8. A correct gradient gives 2 (or more,
    /// when f has no curvature along d); a wrong one gives 1.
    /// </summary>
    public double? RequiredOrder { get; init; }

    /// <summary>
    /// The largest relative error of g·d that may go undetected. The orders only drop below 2 when the error's
    /// h·|δ(g·d)| reaches about a fifth of the remainder at the smallest resolved step; when f's rounding stops the
    /// steps early (noisy float32 losses, a tiny g·d) that can be a large fraction of g·d, and a pass would claim too
    /// much: the test is then inconclusive. Null: 0.1.
    /// </summary>
    public double? MaxUndetectableError { get; init; }

    internal int EffectiveSeed => Seed ?? GradientCheckDefaults.Seed;
}
