namespace GradCheck;

/// <summary>
/// Exact derivatives of functions written on <see cref="Dual"/> (typically generic code instantiated with
/// <c>T = Dual</c>) by forward-mode differentiation: one evaluation per tangent direction.
/// </summary>
/// <remarks>
/// To differentiate generic code written against <c>T : IFloatingPointIeee754&lt;T&gt;</c>, instantiate it with
/// <see cref="Dual"/> inside the lambda, e.g. <c>DualGradient.Gradient(x =&gt; MyLoss&lt;Dual&gt;(x), point)</c>;
/// a <see cref="Dual"/>[] converts implicitly to <c>ReadOnlySpan&lt;Dual&gt;</c>.
/// </remarks>
public static class DualGradient
{
    /// <summary>The derivative of a scalar function at <paramref name="x"/>, from one forward pass.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    public static double Derivative(Func<Dual, Dual> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f(Dual.Variable(x)).Derivative;
    }

    /// <summary>
    /// The gradient of <paramref name="f"/> at <paramref name="x"/>, from <c>x.Length</c> forward passes (pass
    /// <c>i</c> seeds coordinate <c>i</c> with derivative 1 and all others with 0).
    /// </summary>
    /// <param name="f">The function. It receives a fresh array each pass and may modify it.</param>
    /// <param name="x">The point.</param>
    /// <returns>A new array with ∂f/∂xᵢ at index i.</returns>
    public static double[] Gradient(Func<Dual[], Dual> f, ReadOnlySpan<double> x) => ValueAndGradient(f, x).Gradient;

    /// <summary>
    /// The value and gradient of <paramref name="f"/> at <paramref name="x"/>, from <c>max(1, x.Length)</c>
    /// forward passes. The value is the one computed by the first pass.
    /// </summary>
    /// <param name="f">The function. It receives a fresh array each pass and may modify it.</param>
    /// <param name="x">The point.</param>
    public static (double Value, double[] Gradient) ValueAndGradient(Func<Dual[], Dual> f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        var gradient = new double[x.Length];
        if (x.Length == 0)
        {
            return (f([]).Value, gradient);
        }

        double value = double.NaN;
        for (int i = 0; i < x.Length; i++)
        {
            var arguments = new Dual[x.Length];
            for (int j = 0; j < x.Length; j++)
            {
                arguments[j] = new Dual(x[j], i == j ? 1 : 0);
            }

            Dual result = f(arguments);
            if (i == 0)
            {
                value = result.Value;
            }

            gradient[i] = result.Derivative;
        }

        return (value, gradient);
    }

    /// <summary>
    /// The directional derivative ∇f(x)·v of <paramref name="f"/> at <paramref name="x"/> along
    /// <paramref name="direction"/>, from a single forward pass (no normalization of the direction).
    /// </summary>
    /// <param name="f">The function. It receives a fresh array and may modify it.</param>
    /// <param name="x">The point.</param>
    /// <param name="direction">The tangent direction v; same length as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double DirectionalDerivative(Func<Dual[], Dual> f, ReadOnlySpan<double> x, ReadOnlySpan<double> direction)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (direction.Length != x.Length)
        {
            throw new ArgumentException(
                $"The direction has {direction.Length} entries but the point has {x.Length}.", nameof(direction));
        }

        var arguments = new Dual[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            arguments[j] = new Dual(x[j], direction[j]);
        }

        return f(arguments).Derivative;
    }
}
