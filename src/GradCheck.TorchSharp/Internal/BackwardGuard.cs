using System.Collections.Concurrent;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// The managed side of a guarded custom backward: runs it inside try/catch, checks its gradients against the inputs
/// recorded in forward (count, shape, dtype, layout), and records what went wrong instead of letting it reach native
/// code (where a managed exception aborts the process and a wrong shape makes libtorch call terminate).
/// </summary>
internal static class BackwardGuard
{
    private const string InputsKey = "GradCheck.TorchSharp.inputs";

    /// <summary>Faults of guarded backwards, oldest first. Backward passes may run on libtorch's threads, hence concurrent.</summary>
    private static readonly ConcurrentQueue<CustomBackwardException> Faults = new();

    /// <summary>What a gradient for one argument of apply must look like: null for a non-tensor argument.</summary>
    private sealed record InputShape(long[] Shape, ScalarType Dtype, bool Sparse);

    public static void SaveInputs(autograd.AutogradContext ctx, object[] vars) =>
        ctx.save_data(InputsKey, vars.Select(v => v is Tensor t && !t.IsInvalid ? new InputShape(t.shape, t.dtype, t.is_sparse) : null).ToArray());

    public static List<Tensor> Run(string function, autograd.AutogradContext ctx, Func<List<Tensor>> backward)
    {
        var inputs = (InputShape?[])ctx.get_data(InputsKey);
        List<Tensor>? grads;
        try
        {
            grads = backward();
        }
        catch (Exception e)
        {
            Record(new CustomBackwardException(function, null,
                $"The backward of custom function {function} threw {e.GetType().Name}: {e.Message}. "
                + "libtorch was given zero gradients instead; fix the backward (see the inner exception for where it threw).", e));
            return Undefined(inputs);
        }
        if (Problem(function, grads, inputs) is { } fault)
        {
            Record(fault);
            return Undefined(inputs);
        }
        // TorchSharp accepts extra trailing undefined gradients; anything else was refused above.
        return grads!.Take(inputs.Length).ToList();
    }

    /// <summary>The oldest recorded fault (removing it), or null.</summary>
    public static CustomBackwardException? TakeFault() => Faults.TryDequeue(out var fault) ? fault : null;

    /// <summary>Forgets faults recorded before a check started (they belong to earlier, unchecked passes).</summary>
    public static void Clear() => Faults.Clear();

    /// <summary>Throws the oldest fault recorded since <see cref="Clear"/>, naming <paramref name="where"/>.</summary>
    public static void ThrowIfFaulted(string where)
    {
        if (TakeFault() is not { } fault) return;
        Faults.Clear();
        throw new CustomBackwardException(fault.FunctionName, fault.Input, $"{fault.Message} (during {where})", fault.InnerException);
    }

    private static void Record(CustomBackwardException fault) => Faults.Enqueue(fault);

    private static List<Tensor> Undefined(InputShape?[] inputs) => inputs.Select(_ => (Tensor)null!).ToList();

    private static CustomBackwardException? Problem(string function, List<Tensor>? grads, InputShape?[] inputs)
    {
        if (grads is null || grads.Count < inputs.Length || grads.Skip(inputs.Length).Any(g => g is not null && !g.IsInvalid))
            return new CustomBackwardException(function, null, string.Create(CultureInfo.InvariantCulture,
                $"The backward of custom function {function} returned {grads?.Count.ToString(CultureInfo.InvariantCulture) ?? "null"} gradients; apply had {inputs.Length} arguments, so it must return {inputs.Length} (null for arguments that are not tensors)."), null);
        for (int i = 0; i < inputs.Length; i++)
        {
            var grad = grads[i];
            if (grad is null || grad.IsInvalid) continue;
            string which = string.Create(CultureInfo.InvariantCulture, $"The backward of custom function {function} returned for input {i} a gradient");
            if (inputs[i] is not { } input)
                return new CustomBackwardException(function, i, $"{which}, but argument {i} of apply is not a tensor: return null there.", null);
            if (!Broadcasting.Reduces(grad.shape, input.Shape))
                return new CustomBackwardException(function, i,
                    $"{which} of shape {TensorValues.Shape(grad.shape)}; the input has shape {TensorValues.Shape(input.Shape)}, and libtorch would terminate the process on this (a gradient must have the input's shape, or one that sums to it by broadcasting).", null);
            if (grad.dtype != input.Dtype)
                return new CustomBackwardException(function, i,
                    $"{which} of dtype {TensorValues.Name(grad.dtype)} for an input of dtype {TensorValues.Name(input.Dtype)} (dtype mismatch; libtorch would silently convert it). Return it in the input's dtype.", null);
            if (grad.is_sparse != input.Sparse)
                return new CustomBackwardException(function, i,
                    $"{which} with layout {Layout(grad.is_sparse)} for an input with layout {Layout(input.Sparse)} (grad is incorrect layout). Return .to_dense() (or a sparse gradient for a sparse input).", null);
        }
        return null;
    }

    public static string Layout(bool sparse) => sparse ? "sparse_coo" : "strided (dense)";
}

/// <summary>libtorch's rule for a gradient whose shape differs from its input's: it is summed down when the input's shape broadcasts to it.</summary>
internal static class Broadcasting
{
    public static bool Reduces(long[] gradShape, long[] inputShape)
    {
        if (gradShape.SequenceEqual(inputShape)) return true;
        if (inputShape.Length > gradShape.Length) return false;
        int offset = gradShape.Length - inputShape.Length;
        for (int d = 0; d < inputShape.Length; d++)
            if (inputShape[d] != 1 && inputShape[d] != gradShape[offset + d]) return false;
        return true;
    }
}
