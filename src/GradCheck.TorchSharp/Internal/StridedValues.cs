using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// Inputs checked as given although not contiguous (a transpose, a slice), as PyTorch's gradcheck does: elements are
/// written through the view with no_grad tensor ops, which honour the strides (TorchSharp's raw accessor does not in
/// every version). Writes are exact (a float32 value rounded before the write converts back exactly) and the
/// snapshot is restored bit for bit; unlike the contiguous path they bump the tensor's version counter.
/// Overlapping inputs (expanded, stride 0) are refused: one write would move several elements at once.
/// </summary>
internal static class StridedValues
{
    public static void Write(Tensor tensor, long index, double value)
    {
        using var scope = NewDisposeScope();
        using var mode = no_grad();
        var position = MultiIndex(tensor.shape, index).Select(i => TensorIndex.Single(i)).ToArray();
        tensor[position].fill_(value);
    }

    public static void WriteAll(Tensor tensor, double[] values)
    {
        using var scope = NewDisposeScope();
        using var mode = no_grad();
        tensor.copy_(torch.tensor(values, dtype: ScalarType.Float64).reshape(tensor.shape));
    }

    /// <summary>
    /// Null when no two elements share memory; otherwise what to do. Sorted by stride, every dimension's stride must
    /// exceed the farthest offset the smaller-strided dimensions reach.
    /// </summary>
    public static string? Overlap(Tensor tensor)
    {
        long[] shape = tensor.shape, strides = tensor.stride();
        long reach = 0;
        foreach (int d in Enumerable.Range(0, shape.Length).Where(d => shape[d] > 1).OrderBy(d => strides[d]))
        {
            if (strides[d] <= reach)
                return string.Create(CultureInfo.InvariantCulture,
                    $"has overlapping memory (dimension {d}: size {shape[d]}, stride {strides[d]}; an expand() or broadcast view), so perturbing one element would move several. ")
                    + "Pass x.contiguous() (a copy with independent elements: x.detach().contiguous().requires_grad_()) if the function should see independent elements.";
            reach += (shape[d] - 1) * strides[d];
        }
        return null;
    }

    private static long[] MultiIndex(long[] shape, long flat)
    {
        var index = new long[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
