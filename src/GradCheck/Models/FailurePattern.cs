namespace GradCheck;

/// <summary>The shape of a tensor's wrong gradient, recognized from the analytic and numeric values.</summary>
public enum FailurePattern
{
    /// <summary>The analytic gradient is zero where the loss does depend on the parameter: a missing backward path.</summary>
    MissingPath,

    /// <summary>analytic ≈ −numeric.</summary>
    SignFlipped,

    /// <summary>analytic ≈ c·numeric for one constant c (2, the batch size, 1/batch size, …).</summary>
    ConstantFactor,

    /// <summary>The analytic gradient is the numeric one with the last two axes transposed (written in the transposed layout).</summary>
    Transposed,

    /// <summary>analytic − numeric ≈ λ·weight: a missing or wrong weight-decay (L2) term.</summary>
    ProportionalToWeights,

    /// <summary>Only some entries are wrong and the rest agree (one unit, row or column of the backward pass).</summary>
    SomeEntriesWrong,

    /// <summary>No simple pattern fits.</summary>
    Unrecognized,

    /// <summary>
    /// A second Backward() at the same point changed the gradient (<see cref="EntryVerdict.NotReentrant"/> entries):
    /// typically a backward pass that accumulates (+=) into buffers it never zeroes.
    /// </summary>
    NotReentrant,

    /// <summary>
    /// Every failing entry missed its tolerance by only a small factor: too little evidence to name a pattern, and
    /// numerical causes (switch points near the point, float32 rounding) are possible. The text says by how much.
    /// </summary>
    Marginal,
}
