namespace GradCheck;

/// <summary>One step of a Taylor test: the change of f along h·d and its two remainders.</summary>
public sealed record TaylorRow
{
    /// <summary>The step h (the point moved by h·d).</summary>
    public required double Step { get; init; }

    /// <summary>|f(x + h·d) − f(x)|: shrinks at order 1 for any function.</summary>
    public required double FirstOrderRemainder { get; init; }

    /// <summary>|f(x + h·d) − f(x) − h·g·d|: shrinks at order 2 exactly when g is the gradient.</summary>
    public required double SecondOrderRemainder { get; init; }

    /// <summary>
    /// The rounding level of <see cref="SecondOrderRemainder"/> (noise of the two values of f and of h·g·d). Rows
    /// whose remainder is not far above it are not used for orders.
    /// </summary>
    public required double NoiseFloor { get; init; }

    /// <summary>True when the second-order remainder is far enough above the noise floor to measure an order.</summary>
    public required bool Resolved { get; init; }

    /// <summary>log(R₂(previous)/R₂(this)) / log(h(previous)/h(this)), when both rows are resolved; otherwise null.</summary>
    public double? Order { get; init; }
}
