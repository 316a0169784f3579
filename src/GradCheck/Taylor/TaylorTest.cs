using System.Numerics;
using GradCheck.Internal;
using GradCheck.Taylor;

namespace GradCheck;

/// <summary>
/// The Taylor test (as in pyadjoint's <c>taylor_test</c>): along a random direction d, the remainder
/// |f(x + h·d) − f(x) − h·∇f·d| shrinks like h² when the gradient is right and only like h when it is wrong.
/// The steps h = h₀/2ᵏ continue until rounding dominates, which is detected, so no step size is needed.
/// Tests one direction per run (all coordinates at once, about 20–30 evaluations in double); a wrong entry
/// is detected but not located: use <see cref="GradientCheck"/> for that.
/// </summary>
public static class TaylorTest
{
    /// <summary>Runs the Taylor test of <paramref name="gradient"/> against <paramref name="function"/> at <paramref name="point"/>.</summary>
    /// <param name="function">The scalar function. Must be deterministic.</param>
    /// <param name="gradient">The analytic gradient.</param>
    /// <param name="point">Where to test. Not modified (restored bit-exactly if the function writes into it).</param>
    /// <param name="options">Null for the defaults.</param>
    /// <param name="cancellationToken">Stops the check between two evaluations (an <see cref="OperationCanceledException"/>); the point is restored.</param>
    public static TaylorReport Run(Func<double[], double> function, Func<double[], double[]> gradient, double[] point, TaylorTestOptions? options = null,
        CancellationToken cancellationToken = default) =>
        TaylorTester<double>.Run(UserCode.Cancellable(function, cancellationToken), gradient, point, Preconditions.ValidOptions(options));

    /// <inheritdoc cref="Run(Func{double[], double}, Func{double[], double[]}, double[], TaylorTestOptions?, CancellationToken)"/>
    public static TaylorReport Run(Func<float[], float> function, Func<float[], float[]> gradient, float[] point, TaylorTestOptions? options = null,
        CancellationToken cancellationToken = default) =>
        TaylorTester<float>.Run(UserCode.Cancellable(function, cancellationToken), gradient, point, Preconditions.ValidOptions(options));

    /// <summary>The Taylor test for any IEEE floating-point element type.</summary>
    public static TaylorReport Run<T>(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, TaylorTestOptions? options, CancellationToken cancellationToken = default)
        where T : IFloatingPointIeee754<T> =>
        TaylorTester<T>.Run(UserCode.Cancellable(function, cancellationToken), gradient, point, Preconditions.ValidOptions(options));
}
