using System.Numerics;
using GradCheck.Hessian;
using GradCheck.Internal;

namespace GradCheck;

/// <summary>
/// Second order (PyTorch's gradgradcheck analogue): checks a Hessian-vector product (x, v) ↦ H(x)·v against the
/// directional derivative of the gradient, d/dt ∇f(x + t·v) at t = 0, estimated per component by the core's
/// adaptive Richardson estimator with its error budget. The gradient evaluations along v are shared by all
/// components (about 10–16 per direction). Each entry of the report is one component of H·v, named
/// <c>(H·v1)[i]</c>. Runs in double, float or any IEEE element type T; the gradient is called twice at the point first,
/// and must repeat itself within <see cref="CheckOptions.NondeterminismTolerance"/>.
/// </summary>
public static class HessianCheck
{
    /// <summary>Checks <paramref name="hessianVectorProduct"/> against finite differences of <paramref name="gradient"/>.</summary>
    /// <param name="gradient">∇f; assumed correct (check it first with <see cref="GradientCheck"/>).</param>
    /// <param name="hessianVectorProduct">(x, v) ↦ H(x)·v, the code under test.</param>
    /// <param name="point">Where to check; restored bit-exactly.</param>
    /// <param name="options">Null for the defaults.</param>
    /// <param name="cancellationToken">Stops the check between two evaluations (an <see cref="OperationCanceledException"/>); the point is restored.</param>
    public static GradientReport Run(Func<double[], double[]> gradient, Func<double[], double[], double[]> hessianVectorProduct, double[] point, HessianCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Run<double>(gradient, hessianVectorProduct, point, options, cancellationToken);

    /// <inheritdoc cref="Run(Func{double[], double[]}, Func{double[], double[], double[]}, double[], HessianCheckOptions?, CancellationToken)"/>
    public static GradientReport Run(Func<float[], float[]> gradient, Func<float[], float[], float[]> hessianVectorProduct, float[] point, HessianCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Run<float>(gradient, hessianVectorProduct, point, options, cancellationToken);

    /// <summary>The Hessian-vector product check for any IEEE floating-point element type: differences of the gradient in T's own precision.</summary>
    /// <inheritdoc cref="Run(Func{double[], double[]}, Func{double[], double[], double[]}, double[], HessianCheckOptions?, CancellationToken)" path="/param"/>
    public static GradientReport Run<T>(Func<T[], T[]> gradient, Func<T[], T[], T[]> hessianVectorProduct, T[] point, HessianCheckOptions? options,
        CancellationToken cancellationToken = default)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(gradient);
        var valid = Preconditions.ValidOptions(options);
        int calls = 0;
        return HessianChecker<T>.Run(UserCode.Cancellable<T[], T[]>(x => { calls++; return gradient(x); }, cancellationToken), () => calls, "gradient evaluations",
            UserCode.Cancellable(hessianVectorProduct, cancellationToken), point, valid);
    }

    /// <summary>
    /// Checks <paramref name="hessianVectorProduct"/> against finite differences of the <em>exact</em> gradient
    /// of <paramref name="function"/> (dual numbers, n evaluations per gradient). Nested duals are not
    /// available, so the second derivative itself is still a finite difference, but of a gradient free of
    /// finite-difference error.
    /// </summary>
    /// <param name="function">The function, written generically so that it runs on <see cref="Dual"/>.</param>
    /// <param name="hessianVectorProduct">(x, v) ↦ H(x)·v, the code under test.</param>
    /// <param name="point">Where to check; restored bit-exactly.</param>
    /// <param name="options">Null for the defaults.</param>
    /// <param name="cancellationToken">Stops the check between two evaluations (an <see cref="OperationCanceledException"/>); the point is restored.</param>
    public static GradientReport Run(IScalarFunction function, Func<double[], double[], double[]> hessianVectorProduct, double[] point, HessianCheckOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        int passes = 0;
        double[] Gradient(double[] x)
        {
            passes += Math.Max(1, x.Length);
            return DualGradient.Gradient(d => function.Evaluate<Dual>(d), x);
        }
        var valid = Preconditions.ValidOptions(options);
        return HessianChecker<double>.Run(UserCode.Cancellable<double[], double[]>(Gradient, cancellationToken), () => passes, "dual evaluations for exact gradients",
            UserCode.Cancellable(hessianVectorProduct, cancellationToken), point, valid);
    }
}
