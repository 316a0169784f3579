using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Tests.Support;

/// <summary>Snapshots of the state a check must leave as it found it.</summary>
internal static class TorchState
{
    /// <summary>The global generator's state, as bytes.</summary>
    public static byte[] Rng()
    {
        using var state = global::TorchSharp.torch.random.get_rng_state();
        return state.data<byte>().ToArray();
    }

    /// <summary>A tensor's values as raw bits (so -0.0 and NaN payloads count), whatever its floating type.</summary>
    public static long[] Bits(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.dtype == ScalarType.Float32
            ? t.detach().data<float>().ToArray().Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray()
            : t.detach().data<double>().ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();
    }
}
