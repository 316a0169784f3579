namespace GradCheck.Samples;

/// <summary>Realistic mistakes in a hand-written backward pass, planted by the sample models on request.</summary>
public enum PlantedBug
{
    /// <summary>The correct backward pass.</summary>
    None,

    /// <summary>The loss is a mean over the batch, but the backward pass forgets the 1/batch size.</summary>
    ForgottenBatchMean,

    /// <summary>The first layer's weight gradient is written with its indices swapped (the transposed layout).</summary>
    TransposedWeightGradient,

    /// <summary>The loss has an L2 weight-decay term, the backward pass forgets its λ·w.</summary>
    MissingWeightDecay,

    /// <summary>The output bias gradient is subtracted instead of added.</summary>
    SignError,

    /// <summary>The first layer's bias gradient is never computed (stays zero).</summary>
    MissingBiasGradient,
}
