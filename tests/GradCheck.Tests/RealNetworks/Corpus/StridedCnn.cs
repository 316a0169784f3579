using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>
/// A strided conv regressor: conv 3×3 (4 filters, stride 2, zero padding 1) → clamp to [−1, 1] (hardtanh) → global
/// average pool → dense (4 → 2) → L1 loss (mean |o − t|), 8 images of 11 × 11. Every conv weight feeds 288 clamp
/// positions, each a switch point where the pre-activation crosses ±1, and the L1 loss has one at each o = t. Strides and
/// padding are where hand-written conv backward passes go wrong, so <see cref="Mutation"/> plants those bugs.
/// </summary>
public sealed class StridedCnn(int dataSeed) : INet
{
    const int B = 8, H = 11, K = 4, S = 2, Pad = 1, O = (H + 2 * Pad - 3) / S + 1, D = 2;
    readonly double[][] X = Enumerable.Range(0, B).Select(s => { var r = new Random(dataSeed * 613 + s); return Enumerable.Range(0, H * H).Select(_ => r.NextDouble() * 2 - 1).ToArray(); }).ToArray();
    readonly double[] Targets = Enumerable.Range(0, B * D).Select(i => new Random(dataSeed * 31 + i).NextDouble() - 0.5).ToArray();

    public string Name => "conv 3x3 stride 2 pad 1 clamp avgpool dense L1, 8 images 11x11";
    public int Size => K * 9 + K + D * K + D;
    public double[] Init(int seed) { var r = new Random(seed); return Enumerable.Range(0, Size).Select(_ => (r.NextDouble() * 2 - 1) * 0.5).ToArray(); }

    /// <summary>The planted bug: the clamp's derivative is taken as 1 everywhere (clipped positions pass their gradient on).</summary>
    public bool MissingActivationDerivative { get; init; }

    /// <summary>A realistic backward-pass bug to plant (<see cref="StridedCnnMutation.None"/>: the correct pass).</summary>
    public StridedCnnMutation Mutation { get; init; }

    /// <summary>The tensors a mutation makes wrong (the only places a check may fail it).</summary>
    public static IReadOnlyList<string> Affected(StridedCnnMutation mutation) => mutation switch
    {
        StridedCnnMutation.DenseGradientScaled => ["fc.weight"],
        StridedCnnMutation.StrideIgnored or StridedCnnMutation.PaddingIgnored or StridedCnnMutation.AssignInsteadOfAccumulate => ["conv.weight"],
        _ => ["conv.weight", "conv.bias"],
    };

    public T Loss<T>(T[] w) where T : IFloatingPointIeee754<T> => Run(w, null);
    public T[] Grad<T>(T[] w) where T : IFloatingPointIeee754<T> { var g = new T[w.Length]; Run(w, g); return g; }

    T Input<T>(int b, int row, int column) where T : IFloatingPointIeee754<T> =>
        row < 0 || row >= H || column < 0 || column >= H ? T.Zero : T.CreateChecked(X[b][row * H + column]);

    T Run<T>(T[] w, T[]? g) where T : IFloatingPointIeee754<T>
    {
        const int cb = K * 9, fw = cb + K, fb = fw + D * K;
        T one = T.One, inv = one / T.CreateChecked(B * D), pool = one / T.CreateChecked(O * O);
        var z = new T[B, K, O, O];
        var feat = new T[B, K];
        for (int b = 0; b < B; b++) for (int k = 0; k < K; k++)
        {
            T sum = T.Zero;
            for (int y = 0; y < O; y++) for (int x = 0; x < O; x++)
            {
                T acc = w[cb + k];
                for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) acc += w[k * 9 + i * 3 + j] * Input<T>(b, S * y + i - Pad, S * x + j - Pad);
                z[b, k, y, x] = acc;
                sum += T.Clamp(acc, -one, one);
            }
            feat[b, k] = sum * pool;
        }
        T loss = T.Zero;
        var dfeat = new T[B, K];
        for (int b = 0; b < B; b++) for (int d = 0; d < D; d++)
        {
            T o = w[fb + d];
            for (int k = 0; k < K; k++) o += w[fw + d * K + k] * feat[b, k];
            T r = o - T.CreateChecked(Targets[b * D + d]);
            loss += T.Abs(r) * inv;
            if (g is null) continue;
            T dout = (r > T.Zero ? one : r < T.Zero ? -one : T.Zero) * inv;
            g[fb + d] += dout;
            T scale = Mutation == StridedCnnMutation.DenseGradientScaled ? T.CreateChecked(1.02) : one;
            for (int k = 0; k < K; k++) { g[fw + d * K + k] += scale * dout * feat[b, k]; dfeat[b, k] += dout * w[fw + d * K + k]; }
        }
        if (g is null) return loss;
        for (int b = 0; b < B; b++) for (int k = 0; k < K; k++)
        {
            T da = Mutation == StridedCnnMutation.PoolFactorDropped ? dfeat[b, k] : dfeat[b, k] * pool;
            // The stale mutation reads the clamp's mask from the previous image's buffer.
            int maskImage = Mutation == StridedCnnMutation.StaleMask && b > 0 ? b - 1 : b;
            for (int y = 0; y < O; y++) for (int x = 0; x < O; x++)
            {
                T pre = z[maskImage, k, y, x];
                bool inside = pre > -one && pre < one;
                if (!inside && !MissingActivationDerivative) continue;
                g[cb + k] += da;
                for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++)
                {
                    var (row, column) = Mutation switch
                    {
                        StridedCnnMutation.StrideIgnored => (y + i - Pad, x + j - Pad),
                        StridedCnnMutation.PaddingIgnored => (S * y + i, S * x + j),
                        _ => (S * y + i - Pad, S * x + j - Pad),
                    };
                    T term = da * Input<T>(b, row, column);
                    if (Mutation == StridedCnnMutation.AssignInsteadOfAccumulate) g[k * 9 + i * 3 + j] = term;
                    else g[k * 9 + i * 3 + j] += term;
                }
            }
        }
        return loss;
    }
}

/// <summary>Backward-pass bugs of the kinds found in hand-written conv layers.</summary>
public enum StridedCnnMutation
{
    None,
    /// <summary>The weight gradient reads the input at stride 1 (an index error).</summary>
    StrideIgnored,
    /// <summary>The weight gradient reads the input without the padding offset.</summary>
    PaddingIgnored,
    /// <summary>The weight gradient is assigned per position instead of accumulated over positions and images.</summary>
    AssignInsteadOfAccumulate,
    /// <summary>The clamp's mask comes from the previous image (a stale buffer).</summary>
    StaleMask,
    /// <summary>The average pool's 1/(positions) factor is dropped (a dropped chain-rule factor).</summary>
    PoolFactorDropped,
    /// <summary>The dense weight's gradient is 2 % too large (a small scaling).</summary>
    DenseGradientScaled,
}
