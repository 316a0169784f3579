using System.Numerics;

namespace GradCheck;

/// <summary>
/// A model whose parameters live in named tensors, with a forward pass (<see cref="Loss"/>) and a hand-written
/// backward pass (<see cref="Backward"/>): what <see cref="ModelCheck"/> and <see cref="GradientMonitor{T}"/> check.
/// </summary>
/// <typeparam name="T">The element type, e.g. <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IDifferentiableModel<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>The parameter tensors. The list and each tensor's memory must stay the same during a check.</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The forward pass at the current parameter values. Must be deterministic and must not write into the values.</summary>
    T Loss();

    /// <summary>
    /// Called after <see cref="Loss"/>: fills (overwrites, not accumulates) every parameter's
    /// <see cref="Parameter{T}.Gradient"/> with the gradient of the loss at the current values.
    /// </summary>
    void Backward();
}
