using System.Numerics;

namespace GradCheck;

// Cases that test the gradient along one direction at a time: the Taylor test and the descent check.
public sealed partial class CheckCase
{
    /// <summary>
    /// A <see cref="TaylorTest"/> of a gradient: one group named like the case, shaped like the point, whose report is a
    /// <see cref="TaylorReport"/> (the remainders per step and the observed orders).
    /// </summary>
    /// <param name="name">The case's name.</param>
    /// <param name="function">The scalar function. Must be deterministic.</param>
    /// <param name="gradient">The analytic gradient to test.</param>
    /// <param name="point">Where to test. Copied, so the case can run more than once.</param>
    /// <param name="options">
    /// The test's own options; null for the defaults. The runner's <see cref="GradientCheckOptions.Seed"/> replaces
    /// <see cref="TaylorTestOptions.Seed"/> when it is set, and its <see cref="CheckOptions.AcceptInconclusive"/> adds to
    /// <see cref="CheckOptions.AcceptInconclusive"/> of the Taylor options.
    /// </param>
    public static CheckCase Taylor(string name, Func<double[], double> function, Func<double[], double[]> gradient, double[] point, TaylorTestOptions? options = null) =>
        TaylorOf(name, function, gradient, point, options);

    /// <inheritdoc cref="Taylor(string, Func{double[], double}, Func{double[], double[]}, double[], TaylorTestOptions?)"/>
    public static CheckCase Taylor(string name, Func<float[], float> function, Func<float[], float[]> gradient, float[] point, TaylorTestOptions? options = null) =>
        TaylorOf(name, function, gradient, point, options);

    /// <summary>
    /// A <see cref="DescentCheck"/> of a gradient (the loss-decrease check): one group named like the case, shaped like the
    /// point, whose report is a <see cref="DescentReport"/> (the loss change per learning rate against the prediction).
    /// </summary>
    /// <param name="name">The case's name.</param>
    /// <param name="function">The loss. Must be deterministic.</param>
    /// <param name="gradient">The analytic gradient to check.</param>
    /// <param name="point">Where to start. Copied, so the case can run more than once.</param>
    /// <param name="options">
    /// The check's own options; null for the defaults. The runner's <see cref="CheckOptions.AcceptInconclusive"/>
    /// adds to <see cref="CheckOptions.AcceptInconclusive"/> of the descent options; nothing is drawn at random, so no seed applies.
    /// </param>
    public static CheckCase Descent(string name, Func<double[], double> function, Func<double[], double[]> gradient, double[] point, DescentCheckOptions? options = null) =>
        DescentOf(name, function, gradient, point, options);

    /// <inheritdoc cref="Descent(string, Func{double[], double}, Func{double[], double[]}, double[], DescentCheckOptions?)"/>
    public static CheckCase Descent(string name, Func<float[], float> function, Func<float[], float[]> gradient, float[] point, DescentCheckOptions? options = null) =>
        DescentOf(name, function, gradient, point, options);

    private static CheckCase TaylorOf<T>(string name, Func<T[], T> function, Func<T[], T[]> gradient, T[] point, TaylorTestOptions? options)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(point);
        T[] start = (T[])point.Clone();
        return new CheckCase(name, (runner, cancellationToken) =>
        {
            var report = TaylorTest.Run(function, gradient, (T[])start.Clone(), RunnerOptions.ForTaylor(options, runner), cancellationToken);
            return SingleGroup(name, [start.Length], report);
        });
    }

    private static CheckCase DescentOf<T>(string name, Func<T[], T> function, Func<T[], T[]> gradient, T[] point, DescentCheckOptions? options)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(point);
        T[] start = (T[])point.Clone();
        return new CheckCase(name, (runner, cancellationToken) =>
        {
            var report = DescentCheck.Run(function, gradient, (T[])start.Clone(), RunnerOptions.ForDescent(options, runner), cancellationToken);
            return SingleGroup(name, [start.Length], report);
        });
    }
}
