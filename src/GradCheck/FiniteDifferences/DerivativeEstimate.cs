using System.Globalization;

namespace GradCheck.FiniteDifferences;

/// <summary>
/// A numeric derivative together with its error estimate and the step that produced it.
/// </summary>
public sealed record DerivativeEstimate
{
    /// <summary>The estimate of the derivative; NaN when no finite difference could be formed.</summary>
    public required double Value { get; init; }

    /// <summary>Estimated absolute error of <see cref="Value"/>: truncation and rounding.</summary>
    public required double ErrorEstimate { get; init; }

    /// <summary>
    /// The part of <see cref="ErrorEstimate"/> that is rounding of f (a bound from its magnitude and the
    /// precision of the element type); the rest is truncation, estimated from the extrapolation itself.
    /// </summary>
    public double RoundingError { get; init; }

    /// <summary>The step behind the estimate (for an extrapolation: the smallest step it used).</summary>
    public required double Step { get; init; }

    /// <summary>Function evaluations spent (the value at the unperturbed point is not counted).</summary>
    public required int Evaluations { get; init; }

    /// <summary>Left derivative when a kink was detected; otherwise null.</summary>
    public double? LeftDerivative { get; init; }

    /// <summary>Right derivative when a kink was detected; otherwise null.</summary>
    public double? RightDerivative { get; init; }

    /// <summary>
    /// The jump of f at the point (or within the smallest step) when one was found: the increment f(x ± t) − f(x)
    /// stayed the same as t shrank, so no derivative exists there; <see cref="Value"/> is NaN. Otherwise null.
    /// </summary>
    public double? Jump { get; init; }

    /// <summary>True when f jumps at the point (<see cref="Jump"/> is set).</summary>
    public bool IsDiscontinuous => Jump.HasValue;

    /// <summary>
    /// The differences did not behave like those of a smooth function (the tableau never settled, settled late, or a
    /// smaller step contradicted it): the estimate came from a closer look, and its evaluations deserve a repeat.
    /// </summary>
    internal bool Irregular { get; init; }

    /// <summary>
    /// The whole error is measured (the spread of differences that agree, plus a rounding bound), not an extrapolation's
    /// heuristic: the error budget applies the rounding safety to all of it instead of the truncation safety to part of it.
    /// </summary>
    internal bool ErrorIsMeasured { get; init; }

    /// <summary>
    /// The differences behind the estimate showed switch points (steps whose one-sided slopes moved unlike a smooth f's, or
    /// a gap between the sides that did not shrink): f is piecewise along this line, at the scale of the steps.
    /// </summary>
    internal bool SwitchPointsSeen { get; init; }

    /// <summary>0 for a two-sided estimate; +1 or −1 when f was finite on one side only and a one-sided difference was used.</summary>
    public int Side { get; init; }

    /// <summary>True when the one-sided derivatives disagree beyond their errors.</summary>
    public bool IsKink => LeftDerivative.HasValue;

    /// <summary>True when <see cref="Value"/> is a finite number.</summary>
    public bool IsFinite => double.IsFinite(Value);

    /// <inheritdoc />
    public override string ToString() => IsDiscontinuous
        ? string.Create(CultureInfo.InvariantCulture, $"jump of {Jump:G6} within step {Step:G3} ({Evaluations} evaluations)")
        : IsKink
        ? string.Create(CultureInfo.InvariantCulture, $"kink: left {LeftDerivative:G6}, right {RightDerivative:G6} (±{ErrorEstimate:G2}, step {Step:G3}, {Evaluations} evaluations)")
        : string.Create(CultureInfo.InvariantCulture, $"{Value:G10} ± {ErrorEstimate:G2} (step {Step:G3}, {Evaluations} evaluations)");
}
