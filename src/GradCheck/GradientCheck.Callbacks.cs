using System.Numerics;
using GradCheck.Internal;

namespace GradCheck;

// Other shapes of user code (issue 16): one callback for the value and the gradient, and span-based callbacks.
public static partial class GradientCheck
{
    /// <summary>
    /// Checks a combined forward-and-backward callback, <c>x ↦ (f(x), ∇f(x))</c>, as training code often has it: no
    /// separate function to write, and each gradient the check asks for runs your forward pass once. Every evaluation
    /// calls the callback and uses its value, so finite differences also pay for its backward pass; when a
    /// forward-only function is at hand, <see cref="Run(Func{double[], double}, Func{double[], double[]}, double[], GradientCheckOptions?, CancellationToken)"/> evaluates less.
    /// </summary>
    /// <param name="valueAndGradient">The value and the gradient at a point; must be deterministic.</param>
    /// <param name="point">Where to check. Perturbed in place during the check and restored bit-exactly.</param>
    /// <param name="options">Null for the recommended defaults.</param>
    /// <param name="cancellationToken">Stops the check between evaluations; the point is restored.</param>
    public static GradientReport Run(Func<double[], (double Value, double[] Gradient)> valueAndGradient, double[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Run<double>(valueAndGradient, point, options, cancellationToken);

    /// <inheritdoc cref="Run(Func{double[], ValueTuple{double, double[]}}, double[], GradientCheckOptions?, CancellationToken)"/>
    public static GradientReport Run(Func<float[], (float Value, float[] Gradient)> valueAndGradient, float[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Run<float>(valueAndGradient, point, options, cancellationToken);

    /// <summary>The value-and-gradient check for any IEEE floating-point element type.</summary>
    public static GradientReport Run<T>(Func<T[], (T Value, T[] Gradient)> valueAndGradient, T[] point, GradientCheckOptions? options,
        CancellationToken cancellationToken = default)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        return ScalarCheck<T>.Run(x => valueAndGradient(x).Value, x => valueAndGradient(x).Gradient, point, Preconditions.ValidOptions(options), cancellationToken);
    }

    /// <summary>
    /// Checks span-based code: the function reads the point as a <see cref="ReadOnlySpan{T}"/> (no copy per evaluation)
    /// and the gradient writes into a span the check provides.
    /// </summary>
    /// <param name="function">f(x); must be deterministic and must not keep the span.</param>
    /// <param name="gradient">Writes ∇f(x) into its second argument, one entry per coordinate.</param>
    /// <param name="point">Where to check. Perturbed in place during the check and restored bit-exactly.</param>
    /// <param name="options">Null for the recommended defaults.</param>
    /// <param name="cancellationToken">Stops the check between evaluations; the point is restored.</param>
    public static GradientReport Run(SpanFunction<double> function, SpanGradient<double> gradient, double[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Run<double>(function, gradient, point, options, cancellationToken);

    /// <inheritdoc cref="Run(SpanFunction{double}, SpanGradient{double}, double[], GradientCheckOptions?, CancellationToken)"/>
    public static GradientReport Run(SpanFunction<float> function, SpanGradient<float> gradient, float[] point, GradientCheckOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Run<float>(function, gradient, point, options, cancellationToken);

    /// <summary>The span-based check for any IEEE floating-point element type.</summary>
    public static GradientReport Run<T>(SpanFunction<T> function, SpanGradient<T> gradient, T[] point, GradientCheckOptions? options,
        CancellationToken cancellationToken = default)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        return ScalarCheck<T>.Run(x => function(x), x => SpanGradientCall(gradient, x), point, Preconditions.ValidOptions(options), cancellationToken);
    }

    /// <summary>
    /// A fresh buffer per call, filled with NaN first: an entry the gradient forgot to write then fails loudly instead of
    /// reading as a plausible 0. (The check calls the gradient only at the point, once or twice, so the buffer costs nothing.)
    /// </summary>
    private static T[] SpanGradientCall<T>(SpanGradient<T> gradient, T[] x) where T : IFloatingPointIeee754<T>
    {
        var result = new T[x.Length];
        result.AsSpan().Fill(T.NaN);
        gradient(x, result);
        return result;
    }
}
