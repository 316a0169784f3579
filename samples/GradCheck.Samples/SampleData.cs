using System.Numerics;

namespace GradCheck.Samples;

/// <summary>Seeded random inputs, labels and weights for the sample models, in any floating-point type.</summary>
internal static class SampleData
{
    /// <summary>Uniform values in [−scale, scale].</summary>
    public static T[] Uniform<T>(Random random, int count, double scale) where T : IFloatingPointIeee754<T> =>
        Enumerable.Range(0, count).Select(_ => T.CreateChecked((random.NextDouble() * 2 - 1) * scale)).ToArray();

    /// <summary>Weights away from zero (the seed: a wrong gradient hides while weights are near zero), scaled by 1/√fan-in so tanh is not saturated.</summary>
    public static T[] Weights<T>(Random random, int count, int fanIn) where T : IFloatingPointIeee754<T> =>
        Enumerable.Range(0, count)
            .Select(_ => T.CreateChecked((random.NextDouble() < 0.5 ? -1 : 1) * (0.3 + 0.7 * random.NextDouble()) / Math.Sqrt(fanIn)))
            .ToArray();

    public static int[] Labels(Random random, int count, int classes) => Enumerable.Range(0, count).Select(_ => random.Next(classes)).ToArray();
}

/// <summary>Softmax cross-entropy of one sample, computed stably (logits shifted by their maximum).</summary>
internal static class SoftmaxCrossEntropy
{
    /// <summary>−log softmax(logits)[label].</summary>
    public static T Loss<T>(ReadOnlySpan<T> logits, int label) where T : IFloatingPointIeee754<T>
    {
        T max = Max(logits), sum = T.Zero;
        foreach (var z in logits) sum += T.Exp(z - max);
        return T.Log(sum) + max - logits[label];
    }

    /// <summary>d loss / d logits = scale·(softmax − onehot(label)), written into <paramref name="gradient"/>.</summary>
    public static void Gradient<T>(ReadOnlySpan<T> logits, int label, T scale, Span<T> gradient) where T : IFloatingPointIeee754<T>
    {
        T max = Max(logits), sum = T.Zero;
        for (int c = 0; c < logits.Length; c++) sum += gradient[c] = T.Exp(logits[c] - max);
        for (int c = 0; c < logits.Length; c++) gradient[c] = scale * (gradient[c] / sum - (c == label ? T.One : T.Zero));
    }

    private static T Max<T>(ReadOnlySpan<T> values) where T : IFloatingPointIeee754<T>
    {
        T max = values[0];
        foreach (var v in values) max = T.Max(max, v);
        return max;
    }
}
