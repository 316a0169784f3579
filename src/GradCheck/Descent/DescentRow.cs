namespace GradCheck;

/// <summary>One step of a descent check: the loss change after x − η·g and the change the gradient predicts.</summary>
public sealed record DescentRow
{
    /// <summary>The learning rate η.</summary>
    public required double StepSize { get; init; }

    /// <summary>f(x − η·g) − f(x): negative when the loss went down.</summary>
    public required double LossChange { get; init; }

    /// <summary>g·(x' − x) ≈ −η·|g|²: the first-order prediction, over the displacement the element type really made.</summary>
    public required double PredictedChange { get; init; }

    /// <summary><see cref="LossChange"/> / <see cref="PredictedChange"/>: tends to 1 as η → 0 exactly when g is the gradient (deviation ∝ η).</summary>
    public double Ratio => LossChange / PredictedChange;

    /// <summary>The rounding uncertainty of <see cref="Ratio"/> (rounding of the two loss values over the predicted change).</summary>
    public required double RatioNoise { get; init; }
}
