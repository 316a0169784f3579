namespace GradCheck.Lines;

/// <summary>
/// A function restricted to one line through the checked point, supplied by an adapter (a tensor library, a
/// simulation) that evaluates its function its own way: <see cref="LineCheck"/> estimates the derivative along it
/// with the core's adaptive finite differences. Values are doubles whatever the element type; the element type
/// shows in <see cref="Epsilon"/> and in the realised offsets.
/// </summary>
public interface ILineFunction
{
    /// <summary>The coordinate's unperturbed value (0 for a direction through the point).</summary>
    double X { get; }

    /// <summary>The function's value at the unperturbed point.</summary>
    double F0 { get; }

    /// <summary>Machine epsilon of the element type the function computes in (2⁻⁵² for double, 2⁻²³ for float).</summary>
    double Epsilon { get; }

    /// <summary>
    /// The function at x + <paramref name="offset"/>; <paramref name="actualOffset"/> is the offset the element type
    /// really realised ((x + offset) − x as computed in it), so that a step that rounds is divided by what was added.
    /// The implementation must leave the point as it found it.
    /// </summary>
    /// <param name="offset">The requested offset along the line.</param>
    /// <param name="actualOffset">The realised offset.</param>
    double Evaluate(double offset, out double actualOffset);
}
