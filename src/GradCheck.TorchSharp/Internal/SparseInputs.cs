using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// Sparse COO inputs are checked through their stored values, as PyTorch's gradcheck does: the values tensor (which
/// shares the input's storage, so writing it perturbs the input in place) is what finite differences move, and the
/// gradient autograd returns for the sparse input (sparse or dense) is read at the stored indices. Entries the
/// input does not store are structural zeros: not variables, not checked.
/// </summary>
internal static class SparseInputs
{
    /// <summary>The tensor whose elements are perturbed: a sparse input's stored values, any other input itself.</summary>
    public static Tensor Perturbed(Tensor input) => input.is_sparse ? Values(input) : input;

    /// <summary>∂/∂(each perturbed element): the gradient itself, or for a sparse input the gradient at its stored indices.</summary>
    public static double[] GradientValues(Tensor gradient, Tensor input)
    {
        if (!input.is_sparse) return TensorValues.ReadAsDouble(gradient);
        using var scope = NewDisposeScope();
        var dense = gradient.is_sparse ? gradient.to_dense() : gradient;
        var indices = input.SparseIndices;
        var at = Enumerable.Range(0, (int)indices.shape[0]).Select(d => TensorIndex.Tensor(indices[d])).ToArray();
        return TensorValues.ReadAsDouble(dense[at]);
    }

    /// <summary>The name of a checked input: sparse ones say their entries are stored values, numbered in storage order.</summary>
    public static string Name(string name, Tensor input) => input.is_sparse ? name + " values" : name;

    private static Tensor Values(Tensor input)
    {
        try
        {
            return input.SparseValues;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException($"The stored values of a sparse input could not be read ({e.Message}). Pass a coalesced sparse tensor (dense.to_sparse() gives one).", nameof(input), e);
        }
    }
}
