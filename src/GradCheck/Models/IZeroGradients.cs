namespace GradCheck;

/// <summary>
/// A model hook for backward passes that accumulate (+=) into their gradient buffers, as training libraries' often do:
/// when the model implements it, <see cref="ModelCheck"/> calls <see cref="ZeroGradients"/> before every
/// <see cref="IDifferentiableModel{T}.Backward"/> and says so in the report's warnings. Without it (and without
/// <see cref="GradientCheckOptions.ZeroGradientsBeforeBackward"/>) a second Backward() that comes back doubled fails as not reentrant.
/// </summary>
public interface IZeroGradients
{
    /// <summary>Sets every parameter's gradient to zero, as a training loop does before each backward pass.</summary>
    void ZeroGradients();
}
