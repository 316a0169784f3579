using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// Element access to CPU float32/float64 tensors. Contiguous ones go through the raw accessor: writes go straight to
/// the storage, no autograd op, no version-counter bump, so graphs the caller holds stay valid after the check.
/// Strided (transposed, sliced) ones go through <see cref="StridedValues"/>, in row-major element order as well.
/// </summary>
internal static class TensorValues
{
    public static bool IsSupported(ScalarType dtype) => dtype is ScalarType.Float32 or ScalarType.Float64;

    /// <summary>Machine epsilon of a floating element type (float16/bfloat16 included, for outputs).</summary>
    public static double Epsilon(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 => Math.Pow(2, -52),
        ScalarType.Float32 => Math.Pow(2, -23),
        ScalarType.BFloat16 => Math.Pow(2, -7),
        _ => Math.Pow(2, -10),
    };

    public static string Name(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 => "float64",
        ScalarType.Float32 => "float32",
        ScalarType.Float16 => "float16",
        ScalarType.BFloat16 => "bfloat16",
        _ => dtype.ToString(),
    };

    public static double[] Read(Tensor tensor)
    {
        if (!tensor.is_contiguous()) return ReadAsDouble(tensor);
        if (tensor.dtype == ScalarType.Float64)
        {
            using var accessor = tensor.data<double>();
            return accessor.ToArray();
        }
        using (var accessor = tensor.data<float>())
            return accessor.ToArray().Select(v => (double)v).ToArray();
    }

    public static void Write(Tensor tensor, long index, double value)
    {
        if (!tensor.is_contiguous())
        {
            StridedValues.Write(tensor, index, value);
            return;
        }
        if (tensor.dtype == ScalarType.Float64)
        {
            using var accessor = tensor.data<double>();
            accessor.CopyFrom([value], 0, index);
        }
        else
        {
            using var accessor = tensor.data<float>();
            accessor.CopyFrom([(float)value], 0, index);
        }
    }

    /// <summary>Writes back a snapshot taken with <see cref="Read"/> (float32 values round-trip through double exactly).</summary>
    public static void WriteAll(Tensor tensor, double[] values)
    {
        if (!tensor.is_contiguous())
        {
            StridedValues.WriteAll(tensor, values);
            return;
        }
        if (tensor.dtype == ScalarType.Float64)
        {
            using var accessor = tensor.data<double>();
            accessor.CopyFrom(values, 0, 0);
        }
        else
        {
            using var accessor = tensor.data<float>();
            accessor.CopyFrom(values.Select(v => (float)v).ToArray(), 0, 0);
        }
    }

    /// <summary>The value as the tensor's element type stores it.</summary>
    public static double Round(ScalarType dtype, double value) => dtype == ScalarType.Float32 ? (float)value : value;

    /// <summary>Any floating tensor's values as doubles (a converted copy; the tensor is not touched).</summary>
    public static double[] ReadAsDouble(Tensor tensor)
    {
        // Every evaluation reads its outputs: a loss is one value, read directly (1.0–1.4 µs here, against 4.3–7.4 µs
        // through a detached float64 copy, on a forward pass of 22–34 µs), a float64 output straight from its storage.
        bool dense = tensor.device_type == DeviceType.CPU && !tensor.is_sparse;
        if (dense && tensor.numel() == 1)
        {
            if (tensor.dtype == ScalarType.Float64) return [tensor.item<double>()];
            if (tensor.dtype == ScalarType.Float32) return [tensor.item<float>()];
        }
        if (dense && tensor.dtype == ScalarType.Float64 && tensor.is_contiguous())
        {
            using var direct = tensor.data<double>();
            return direct.ToArray();
        }
        using var scope = NewDisposeScope();
        var copy = tensor.detach().cpu().to(ScalarType.Float64).contiguous();
        using var accessor = copy.data<double>();
        return accessor.ToArray();
    }

    public static string Shape(Tensor tensor) => Shape(tensor.shape);

    /// <summary>
    /// A shape as [3,4]. Needed beside <see cref="Shape(Tensor)"/>: TorchSharp converts a long[] to a tensor implicitly,
    /// so without it a shape array printed as the shape of a 1-d tensor of its values ([3,4] as [2]).
    /// </summary>
    public static string Shape(long[] shape) => "[" + string.Join(",", shape) + "]";

    /// <summary>The multi-index of a flat (row-major) element, e.g. [1,2]; empty brackets for a 0-dim tensor.</summary>
    public static string Index(long[] shape, long flat)
    {
        var index = new long[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = shape[d] == 0 ? 0 : flat % shape[d];
            flat = shape[d] == 0 ? 0 : flat / shape[d];
        }
        return "[" + string.Join(",", index) + "]";
    }
}
