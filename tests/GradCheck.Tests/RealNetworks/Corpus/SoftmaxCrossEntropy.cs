using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>The corpus's classification loss of one sample, −log softmax(o)[label] = logsumexp(o) − o[label], and its derivative.</summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>log Σ exp(oₖ), shifted by the largest logit so that no exponential overflows.</summary>
    public static T LogSumExp<T>(T[] logits) where T : IFloatingPointIeee754<T>
    {
        T largest = T.NegativeInfinity;
        foreach (T o in logits) if (o > largest) largest = o;
        T sum = T.Zero;
        foreach (T o in logits) sum += T.Exp(o - largest);
        return largest + T.Log(sum);
    }

    /// <summary>∂(logsumexp(o) − o[label])/∂o[c] = softmax(o)[c] − [c = label].</summary>
    public static T Derivative<T>(T[] logits, T logSumExp, int label, int c) where T : IFloatingPointIeee754<T> =>
        T.Exp(logits[c] - logSumExp) - (c == label ? T.One : T.Zero);
}
