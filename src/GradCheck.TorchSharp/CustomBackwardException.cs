namespace GradCheck.TorchSharp;

/// <summary>
/// A custom autograd function derived from <see cref="GuardedSingleTensorFunction{T}"/> or
/// <see cref="GuardedMultiTensorFunction{T}"/> threw in its backward, or returned gradients libtorch would have refused
/// (wrong count, shape, dtype or layout). The guard caught it on the managed side, where TorchSharp would have let the
/// process die; checks throw this after the backward pass, and code outside a check calls <see cref="ThrowIfAny"/>.
/// </summary>
public sealed class CustomBackwardException : GradientCheckException
{
    internal CustomBackwardException(string functionName, int? input, string message, Exception? inner)
        : base(message, inner!)
    {
        FunctionName = functionName;
        Input = input;
    }

    /// <summary>The custom function's <c>Name</c>.</summary>
    public string FunctionName { get; }

    /// <summary>The position (in <c>apply</c>'s arguments) of the input whose gradient was wrong; null when the backward threw.</summary>
    public int? Input { get; }

    /// <summary>
    /// Throws the first fault a guarded backward recorded since the last call (and forgets the others): call it after
    /// <c>backward()</c> or <c>torch.autograd.grad</c> outside a check, where the guard had to hand libtorch undefined
    /// (zero) gradients instead of dying.
    /// </summary>
    public static void ThrowIfAny()
    {
        if (Internal.BackwardGuard.TakeFault() is { } fault) throw fault;
    }
}
