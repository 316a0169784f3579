using System.Numerics;
using GradCheck.Descent;
using GradCheck.Internal;

namespace GradCheck;

/// <summary>
/// The loss-decrease check (apply the gradient, the loss must go down) done rigorously: step x − η·g for a halving series of learning rates η and compare
/// the loss change with the first-order prediction −η·|g|². Passes when the loss goes down at small steps
/// <em>and</em> the ratio actual/predicted extrapolates to 1 (it deviates from 1 in proportion to η for a correct
/// gradient, and tends to ∇f·g/|g|² ≠ 1 for a wrong one) within its own error estimate. Tests the single
/// direction g, about 15–30 evaluations; a wrong gradient whose error is orthogonal to g is invisible to it.
/// </summary>
public static class DescentCheck
{
    /// <summary>Runs the descent check of <paramref name="gradient"/> against <paramref name="function"/> at <paramref name="point"/>.</summary>
    /// <param name="function">The loss. Must be deterministic.</param>
    /// <param name="gradient">The analytic gradient.</param>
    /// <param name="point">Where to start. Not modified (restored bit-exactly if the function writes into it).</param>
    /// <param name="options">Null for the defaults.</param>
    /// <param name="cancellationToken">Stops the check between two evaluations (an <see cref="OperationCanceledException"/>); the point is restored.</param>
    public static DescentReport Run(Func<double[], double> function, Func<double[], double[]> gradient, double[] point, DescentCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        DescentChecker<double>.Run(UserCode.Cancellable(function, cancellationToken), gradient, point, Preconditions.ValidOptions(options));

    /// <inheritdoc cref="Run(Func{double[], double}, Func{double[], double[]}, double[], DescentCheckOptions?, CancellationToken)"/>
    public static DescentReport Run(Func<float[], float> function, Func<float[], float[]> gradient, float[] point, DescentCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        DescentChecker<float>.Run(UserCode.Cancellable(function, cancellationToken), gradient, point, Preconditions.ValidOptions(options));

    /// <summary>The descent check for any IEEE floating-point element type.</summary>
    public static DescentReport Run<T>(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, DescentCheckOptions? options, CancellationToken cancellationToken = default)
        where T : IFloatingPointIeee754<T> =>
        DescentChecker<T>.Run(UserCode.Cancellable(function, cancellationToken), gradient, point, Preconditions.ValidOptions(options));
}
