using GradCheck.Exact;

namespace GradCheck;

public static partial class GradientCheck
{
    /// <summary>
    /// Checks <paramref name="gradient"/> against the <em>exact</em> derivatives of <paramref name="function"/>,
    /// computed with dual numbers (one evaluation per coordinate, no step size). The tolerance is at rounding
    /// level, 32ε·max(|a|,|n|) + 64ε·max|g|, so errors far below what finite differences resolve are caught.
    /// <see cref="EntryResult.Numeric"/> is the exact derivative. At a kink the dual number gives one one-sided
    /// derivative (see docs/exact-checks.md), so check kinks with <see cref="Run(Func{double[], double}, Func{double[], double[]}, double[], GradientCheckOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="function">The function, written generically so that it runs on <see cref="Dual"/>.</param>
    /// <param name="gradient">The analytic gradient to check.</param>
    /// <param name="point">Where to check; not modified (restored bit-exactly if the gradient writes into it).</param>
    /// <param name="options">Uses <see cref="GradientCheckOptions.Indices"/>, <see cref="GradientCheckOptions.SampleSize"/>,
    /// <see cref="GradientCheckOptions.Seed"/>, <see cref="GradientCheckOptions.Tolerance"/>, <see cref="GradientCheckOptions.EntryName"/>
    /// and <see cref="GradientCheckOptions.Progress"/>; the finite-difference settings do not apply.</param>
    /// <param name="cancellationToken">Stops the check between two evaluations (an <see cref="OperationCanceledException"/>); the point is restored.</param>
    public static GradientReport RunExact(IScalarFunction function, Func<double[], double[]> gradient, double[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ExactChecker<double>.Run(CancellableFunction.Wrap(function, cancellationToken), gradient, point, options);

    /// <summary>
    /// Checks a float32 gradient against the exact derivatives of <paramref name="function"/> at the float point
    /// (computed in double with dual numbers), with a tolerance at float32 rounding level
    /// (32ε·max(|a|,|n|) + 64ε·max|g|, ε = 2⁻²³): float code checked against an exact reference.
    /// </summary>
    /// <inheritdoc cref="RunExact(IScalarFunction, Func{double[], double[]}, double[], GradientCheckOptions?, CancellationToken)" path="/param"/>
    public static GradientReport RunExact(IScalarFunction function, Func<float[], float[]> gradient, float[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ExactChecker<float>.Run(CancellableFunction.Wrap(function, cancellationToken), gradient, point, options);
}

/// <summary>An <see cref="IScalarFunction"/> that checks a cancellation token before each evaluation.</summary>
internal sealed class CancellableFunction(IScalarFunction function, CancellationToken cancellation) : IScalarFunction
{
    /// <summary>The function itself when the token cannot be cancelled (or the function is null, which the check refuses by name).</summary>
    public static IScalarFunction Wrap(IScalarFunction function, CancellationToken cancellation) =>
        function is null || !cancellation.CanBeCanceled ? function! : new CancellableFunction(function, cancellation);

    public T Evaluate<T>(ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        cancellation.ThrowIfCancellationRequested();
        return function.Evaluate(x);
    }
}
