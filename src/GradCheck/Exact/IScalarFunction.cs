using System.Numerics;

namespace GradCheck;

/// <summary>
/// A scalar function written once for any floating-point type, so that it can run on <c>double</c>,
/// <c>float</c> and <see cref="Dual"/> (for exact derivatives). Implement it with generic math:
/// <code>
/// sealed class Loss : IScalarFunction
/// {
///     public T Evaluate&lt;T&gt;(ReadOnlySpan&lt;T&gt; x) where T : IFloatingPointIeee754&lt;T&gt; =&gt;
///         T.Log(T.One + T.Exp(x[0] * x[1])) + T.CreateChecked(0.5) * x[1] * x[1];
/// }
/// </code>
/// Constants enter as <c>T.CreateChecked(0.5)</c>; branches (<c>T.Max</c>, <c>T.Abs</c>, comparisons) follow the
/// value. Must not keep state between calls. See docs/exact-checks.md.
/// </summary>
public interface IScalarFunction
{
    /// <summary>f(x), computed in the element type T.</summary>
    /// <typeparam name="T">double, float, <see cref="Dual"/>, or any other IEEE floating-point type.</typeparam>
    /// <param name="x">The point; must not be modified.</param>
    T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;
}
