namespace GradCheck;

// Cases of vector-valued functions and second derivatives: Jacobians, their products, Hessian-vector products.
public sealed partial class CheckCase
{
    /// <summary>
    /// A <c>JacobianCheck.Run</c> of a full Jacobian: one group named like the case, shaped [outputs, inputs], whose
    /// report is a <see cref="JacobianReport"/>. Runs with the runner's options (mode, seed, progress, acceptance).
    /// </summary>
    /// <param name="name">The case's name.</param>
    /// <param name="function">f: Rⁿ → Rᵐ. Must be deterministic.</param>
    /// <param name="jacobian">The analytic Jacobian at a point: J[i, j] = ∂y[i]/∂x[j].</param>
    /// <param name="point">Where to check. Copied, so the case can run more than once.</param>
    public static CheckCase Jacobian(string name, Func<double[], double[]> function, Func<double[], double[,]> jacobian, double[] point)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        return JacobianOf(name, function, point, (x, options, cancellationToken) => JacobianCheck.Run(function, jacobian, x, options, cancellationToken));
    }

    /// <summary>
    /// A <c>JacobianCheck.RunVjp</c> of a vector-Jacobian product (a backward pass), with its backward contracts:
    /// one group named like the case, shaped [outputs, inputs], whose report is a <see cref="JacobianReport"/>.
    /// </summary>
    /// <param name="name">The case's name.</param>
    /// <param name="function">f: Rⁿ → Rᵐ. Must be deterministic.</param>
    /// <param name="vjp">The product vᵀJ at x for an upstream vector v of length m.</param>
    /// <param name="point">Where to check. Copied, so the case can run more than once.</param>
    public static CheckCase Vjp(string name, Func<double[], double[]> function, Func<double[], double[], double[]> vjp, double[] point)
    {
        ArgumentNullException.ThrowIfNull(vjp);
        return JacobianOf(name, function, point, (x, options, cancellationToken) => JacobianCheck.RunVjp(function, vjp, x, options, cancellationToken));
    }

    /// <summary>
    /// A <c>JacobianCheck.RunJvp</c> of a Jacobian-vector product (forward mode), with its contracts: one group
    /// named like the case, shaped [outputs, inputs], whose report is a <see cref="JacobianReport"/>.
    /// </summary>
    /// <param name="name">The case's name.</param>
    /// <param name="function">f: Rⁿ → Rᵐ. Must be deterministic.</param>
    /// <param name="jvp">The product Ju at x for a tangent u of length n.</param>
    /// <param name="point">Where to check. Copied, so the case can run more than once.</param>
    public static CheckCase Jvp(string name, Func<double[], double[]> function, Func<double[], double[], double[]> jvp, double[] point)
    {
        ArgumentNullException.ThrowIfNull(jvp);
        return JacobianOf(name, function, point, (x, options, cancellationToken) => JacobianCheck.RunJvp(function, jvp, x, options, cancellationToken));
    }

    /// <summary>
    /// A <see cref="HessianCheck"/> of a Hessian-vector product against finite differences of the gradient: one group
    /// named like the case, shaped [directions, n], whose report is a <see cref="GradientReport"/> with an entry per
    /// component of each H·v.
    /// </summary>
    /// <param name="name">The case's name.</param>
    /// <param name="gradient">∇f; assumed correct (check it with <see cref="Function(string, Func{double[], double}, Func{double[], double[]}, double[], Func{int, string}?)"/>).</param>
    /// <param name="hessianVectorProduct">(x, v) ↦ H(x)·v, the code under test.</param>
    /// <param name="point">Where to check. Copied, so the case can run more than once.</param>
    /// <param name="options">
    /// The check's own options; null for the defaults. The runner's <see cref="GradientCheckOptions.Seed"/> replaces
    /// <see cref="HessianCheckOptions.Seed"/> when it is set, and its <see cref="CheckOptions.AcceptInconclusive"/> adds to
    /// <see cref="CheckOptions.AcceptInconclusive"/> of the Hessian options.
    /// </param>
    public static CheckCase Hessian(string name, Func<double[], double[]> gradient, Func<double[], double[], double[]> hessianVectorProduct, double[] point,
        HessianCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(hessianVectorProduct);
        ArgumentNullException.ThrowIfNull(point);
        double[] start = (double[])point.Clone();
        return new CheckCase(name, (runner, cancellationToken) =>
        {
            var merged = RunnerOptions.ForHessian(options, runner);
            var report = HessianCheck.Run(gradient, hessianVectorProduct, (double[])start.Clone(), merged, cancellationToken);
            int directions = merged.Directions?.Count ?? merged.DirectionCount;
            return SingleGroup(name, [directions, start.Length], report);
        });
    }

    private static CheckCase JacobianOf(string name, Func<double[], double[]> function, double[] point,
        Func<double[], GradientCheckOptions, CancellationToken, JacobianReport> check)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(point);
        double[] start = (double[])point.Clone();
        return new CheckCase(name, (options, cancellationToken) =>
        {
            var report = check((double[])start.Clone(), options, cancellationToken);
            return SingleGroup(name, [report.Outputs, report.Inputs], report, JacobianLine(function, start, report.Inputs));
        });
    }

    /// <summary>
    /// Output i along input j, for the Jacobian entry at index i·n + j: offset ↦ f(point + offset·e_j)[i], on a private
    /// copy of the point, so reports can plot that entry's error against the step.
    /// </summary>
    private static Func<int, double, double> JacobianLine(Func<double[], double[]> function, double[] point, int inputs) =>
        (index, offset) =>
        {
            double[] x = (double[])point.Clone();
            x[index % inputs] += offset;
            return function(x)[index / inputs];
        };
}
