using System.Numerics;
using GradCheck.Internal;
using GradCheck.Jacobian;

namespace GradCheck;

/// <summary>
/// Checks the derivative of a vector-valued function f: Rⁿ → Rᵐ, given as the full Jacobian, as a vector-Jacobian
/// product (a backward pass: (x, v) ↦ vᵀJ) or as a Jacobian-vector product (forward mode: (x, u) ↦ Ju).
/// <see cref="CheckMode.Full"/> reports every entry ∂y[i]/∂x[j] (entry index i·n + j);
/// <see cref="CheckMode.Fast"/> compares vᵀJu along random ±1 vectors and locates wrong input columns.
/// Products are also held to PyTorch's backward contracts: linear in the upstream vector (0 ↦ 0, 2w ↦ 2·p(w)) and
/// reentrant (two calls, one answer); violations are listed in <see cref="GradientReport.ContractFailures"/>.
/// Every check runs in double, float or any IEEE element type T: finite differences use T's own steps and rounding.
/// </summary>
/// <example>
/// <code>
/// var report = JacobianCheck.RunVjp(Forward, Backward, x, new GradientCheckOptions { Mode = CheckMode.Fast });
/// report.ThrowIfFailed();
/// </code>
/// </example>
public static class JacobianCheck
{
    /// <summary>Checks a full Jacobian (outputs × inputs) against finite differences of <paramref name="function"/>.</summary>
    /// <param name="function">f: Rⁿ → Rᵐ. Must be deterministic (and thread-safe when MaxDegreeOfParallelism &gt; 1).</param>
    /// <param name="jacobian">The analytic Jacobian at a point: J[i, j] = ∂y[i]/∂x[j].</param>
    /// <param name="point">Where to check; perturbed in place and restored bit-exactly.</param>
    /// <param name="options">Null for the defaults.</param>
    /// <param name="cancellationToken">Stops the check between two evaluations (an <see cref="OperationCanceledException"/>); the point is restored.</param>
    public static JacobianReport Run(Func<double[], double[]> function, Func<double[], double[,]> jacobian, double[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Run<double>(function, jacobian, point, options, cancellationToken);

    /// <inheritdoc cref="Run(Func{double[], double[]}, Func{double[], double[,]}, double[], GradientCheckOptions?, CancellationToken)"/>
    public static JacobianReport Run(Func<float[], float[]> function, Func<float[], float[,]> jacobian, float[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Run<float>(function, jacobian, point, options, cancellationToken);

    /// <summary>The full-Jacobian check for any IEEE floating-point element type.</summary>
    /// <inheritdoc cref="Run(Func{double[], double[]}, Func{double[], double[,]}, double[], GradientCheckOptions?, CancellationToken)" path="/param"/>
    public static JacobianReport Run<T>(Func<T[], T[]> function, Func<T[], T[,]> jacobian, T[] point, GradientCheckOptions? options,
        CancellationToken cancellationToken = default)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        ArgumentNullException.ThrowIfNull(point);
        return JacobianChecker<T>.Run(function, m => new MatrixSource<T>(jacobian, m, point.Length), point, Preconditions.ValidOptions(options), cancellationToken);
    }

    /// <summary>Checks a vector-Jacobian product (x, v) ↦ vᵀJ (length n), as a backward pass computes it.</summary>
    /// <param name="function">f: Rⁿ → Rᵐ.</param>
    /// <param name="vjp">The product vᵀJ at x for an upstream vector v of length m.</param>
    /// <param name="point">Where to check; perturbed in place and restored bit-exactly.</param>
    /// <param name="options">Null for the defaults.</param>
    /// <param name="cancellationToken">Stops the check between two evaluations (an <see cref="OperationCanceledException"/>); the point is restored.</param>
    public static JacobianReport RunVjp(Func<double[], double[]> function, Func<double[], double[], double[]> vjp, double[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        RunVjp<double>(function, vjp, point, options, cancellationToken);

    /// <inheritdoc cref="RunVjp(Func{double[], double[]}, Func{double[], double[], double[]}, double[], GradientCheckOptions?, CancellationToken)"/>
    public static JacobianReport RunVjp(Func<float[], float[]> function, Func<float[], float[], float[]> vjp, float[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        RunVjp<float>(function, vjp, point, options, cancellationToken);

    /// <summary>The vector-Jacobian product check for any IEEE floating-point element type.</summary>
    /// <inheritdoc cref="RunVjp(Func{double[], double[]}, Func{double[], double[], double[]}, double[], GradientCheckOptions?, CancellationToken)" path="/param"/>
    public static JacobianReport RunVjp<T>(Func<T[], T[]> function, Func<T[], T[], T[]> vjp, T[] point, GradientCheckOptions? options,
        CancellationToken cancellationToken = default)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(vjp);
        ArgumentNullException.ThrowIfNull(point);
        return JacobianChecker<T>.Run(function, m => new VjpSource<T>(vjp, m, point.Length), point, Preconditions.ValidOptions(options), cancellationToken);
    }

    /// <summary>Checks a Jacobian-vector product (x, u) ↦ Ju (length m), as forward-mode differentiation computes it.</summary>
    /// <param name="function">f: Rⁿ → Rᵐ.</param>
    /// <param name="jvp">The product Ju at x for a tangent u of length n.</param>
    /// <param name="point">Where to check; perturbed in place and restored bit-exactly.</param>
    /// <param name="options">Null for the defaults.</param>
    /// <param name="cancellationToken">Stops the check between two evaluations (an <see cref="OperationCanceledException"/>); the point is restored.</param>
    public static JacobianReport RunJvp(Func<double[], double[]> function, Func<double[], double[], double[]> jvp, double[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        RunJvp<double>(function, jvp, point, options, cancellationToken);

    /// <inheritdoc cref="RunJvp(Func{double[], double[]}, Func{double[], double[], double[]}, double[], GradientCheckOptions?, CancellationToken)"/>
    public static JacobianReport RunJvp(Func<float[], float[]> function, Func<float[], float[], float[]> jvp, float[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        RunJvp<float>(function, jvp, point, options, cancellationToken);

    /// <summary>The Jacobian-vector product check for any IEEE floating-point element type.</summary>
    /// <inheritdoc cref="RunJvp(Func{double[], double[]}, Func{double[], double[], double[]}, double[], GradientCheckOptions?, CancellationToken)" path="/param"/>
    public static JacobianReport RunJvp<T>(Func<T[], T[]> function, Func<T[], T[], T[]> jvp, T[] point, GradientCheckOptions? options,
        CancellationToken cancellationToken = default)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(jvp);
        ArgumentNullException.ThrowIfNull(point);
        return JacobianChecker<T>.Run(function, m => new JvpSource<T>(jvp, m, point.Length), point, Preconditions.ValidOptions(options), cancellationToken);
    }
}
