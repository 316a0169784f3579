using System.Numerics;
using GradCheck.Internal;

namespace GradCheck;

/// <summary>
/// Checks a hand-written gradient against finite differences, entry by entry, with a verdict per entry from
/// an error budget. The point is perturbed in place and is bit-identical afterwards, whatever happens.
/// </summary>
/// <example>
/// <code>
/// var report = GradientCheck.Run(Loss, Backprop, weights);
/// report.ThrowIfFailed();   // names the wrong entries, both values, the error and the tolerance
/// </code>
/// </example>
public static partial class GradientCheck
{
    /// <summary>Checks <paramref name="gradient"/> (e.g. your backprop) against finite differences of <paramref name="function"/> at <paramref name="point"/>.</summary>
    /// <param name="function">The scalar function, e.g. a loss of the parameters. Must be deterministic.</param>
    /// <param name="gradient">The analytic gradient at a point: one entry per coordinate.</param>
    /// <param name="point">Where to check. Perturbed in place during the check and restored bit-exactly.</param>
    /// <param name="options">Null for the recommended defaults.</param>
    /// <param name="cancellationToken">Stops the check between two evaluations (an <see cref="OperationCanceledException"/>); the point is restored.</param>
    public static GradientReport Run(Func<double[], double> function, Func<double[], double[]> gradient, double[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ScalarCheck<double>.Run(function, gradient, point, Preconditions.ValidOptions(options), cancellationToken);

    /// <inheritdoc cref="Run(Func{double[], double}, Func{double[], double[]}, double[], GradientCheckOptions?, CancellationToken)"/>
    public static GradientReport Run(Func<float[], float> function, Func<float[], float[]> gradient, float[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ScalarCheck<float>.Run(function, gradient, point, Preconditions.ValidOptions(options), cancellationToken);

    /// <summary>The same check for any IEEE floating-point element type.</summary>
    public static GradientReport Run<T>(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, GradientCheckOptions? options, CancellationToken cancellationToken = default)
        where T : IFloatingPointIeee754<T> =>
        ScalarCheck<T>.Run(function, gradient, point, Preconditions.ValidOptions(options), cancellationToken);
}
