using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>
/// A small image classifier: conv 3×3 (4 filters, no padding) → batch norm over the batch (training statistics, gain
/// and bias) → ReLU → max pool 2×2 → dense → softmax cross-entropy, 8 images of 8 × 8. Batch norm centres each
/// filter's output, so the conv bias's exact gradient is 0 (its computed one is rounding); every conv weight feeds 288
/// ReLU and max-pool switch points.
/// </summary>
public sealed class BatchNormCnn(int dataSeed) : INet
{
    const int B = 8, H = 8, K = 4, O = 6, P = 3, C = 3, F = K * P * P;
    readonly double[][] X = Enumerable.Range(0, B).Select(s => { var r = new Random(dataSeed * 977 + s); return Enumerable.Range(0, H * H).Select(_ => r.NextDouble() * 2 - 1).ToArray(); }).ToArray();
    readonly int[] Y = Enumerable.Range(0, B).Select(s => new Random(dataSeed + 3 * s).Next(C)).ToArray();
    public string Name => "conv 3x3 batchnorm relu maxpool dense softmax CE, 8 images 8x8";
    public int Size => K * 9 + K + K + K + C * F + C;
    public double[] Init(int seed) { var r = new Random(seed); int g0 = K * 9 + K; return Enumerable.Range(0, Size).Select(i => i >= g0 && i < g0 + K ? 1 + 0.2 * (r.NextDouble() * 2 - 1) : (r.NextDouble() * 2 - 1) * 0.5).ToArray(); }
    /// <summary>The planted bug: ReLU's derivative is taken as 1 (the pooled position always passes its gradient on).</summary>
    public bool MissingActivationDerivative { get; init; }
    public T Loss<T>(T[] w) where T : IFloatingPointIeee754<T> => Run(w, null);
    public T[] Grad<T>(T[] w) where T : IFloatingPointIeee754<T> { var g = new T[w.Length]; Run(w, g); return g; }
    T Run<T>(T[] w, T[]? g) where T : IFloatingPointIeee754<T>
    {
        int cb = K * 9, gam = cb + K, bet = gam + K, dw = bet + K, db = dw + C * F;
        var z = new T[B, K, O, O]; var xh = new T[B, K, O, O]; var yv = new T[B, K, O, O];
        var mu = new T[K]; var rs = new T[K]; T N = T.CreateChecked(B * O * O);
        for (int b = 0; b < B; b++) for (int k = 0; k < K; k++) for (int y = 0; y < O; y++) for (int x = 0; x < O; x++)
        { T acc = w[cb + k]; for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) acc += w[k * 9 + i * 3 + j] * T.CreateChecked(X[b][(y + i) * H + x + j]); z[b, k, y, x] = acc; }
        for (int k = 0; k < K; k++)
        {
            T m = T.Zero; for (int b = 0; b < B; b++) for (int y = 0; y < O; y++) for (int x = 0; x < O; x++) m += z[b, k, y, x]; m /= N;
            T v = T.Zero; for (int b = 0; b < B; b++) for (int y = 0; y < O; y++) for (int x = 0; x < O; x++) v += (z[b, k, y, x] - m) * (z[b, k, y, x] - m); v /= N;
            mu[k] = m; rs[k] = T.One / T.Sqrt(v + T.CreateChecked(1e-5));
            for (int b = 0; b < B; b++) for (int y = 0; y < O; y++) for (int x = 0; x < O; x++) { xh[b, k, y, x] = (z[b, k, y, x] - m) * rs[k]; yv[b, k, y, x] = w[gam + k] * xh[b, k, y, x] + w[bet + k]; }
        }
        T loss = T.Zero, inv = T.One / T.CreateChecked(B);
        var dy = g is null ? null : new T[B, K, O, O];
        for (int b = 0; b < B; b++)
        {
            var feat = new T[F]; var arg = new (int, int)[F];
            for (int k = 0; k < K; k++) for (int py = 0; py < P; py++) for (int px = 0; px < P; px++)
            {
                T best = T.NegativeInfinity; (int, int) at = (0, 0);
                for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) { T a = T.Max(yv[b, k, 2 * py + i, 2 * px + j], T.Zero); if (a > best) { best = a; at = (2 * py + i, 2 * px + j); } }
                int f = k * P * P + py * P + px; feat[f] = best; arg[f] = at;
            }
            var o = new T[C];
            for (int c = 0; c < C; c++) { T acc = w[db + c]; for (int f = 0; f < F; f++) acc += w[dw + c * F + f] * feat[f]; o[c] = acc; }
            T lse = SoftmaxCrossEntropy.LogSumExp(o);
            loss += (lse - o[Y[b]]) * inv;
            if (g is null) continue;
            var dfeat = new T[F];
            for (int c = 0; c < C; c++) { T d = SoftmaxCrossEntropy.Derivative(o, lse, Y[b], c) * inv; g[db + c] += d; for (int f = 0; f < F; f++) { g[dw + c * F + f] += d * feat[f]; dfeat[f] += d * w[dw + c * F + f]; } }
            for (int f = 0; f < F; f++) { int k = f / (P * P); var (yy, xx) = arg[f]; if (MissingActivationDerivative || yv[b, k, yy, xx] > T.Zero) dy![b, k, yy, xx] += dfeat[f]; }
        }
        if (g is null) return loss;
        for (int k = 0; k < K; k++)
        {
            T sdy = T.Zero, sdyx = T.Zero;
            for (int b = 0; b < B; b++) for (int y = 0; y < O; y++) for (int x = 0; x < O; x++) { sdy += dy![b, k, y, x]; sdyx += dy[b, k, y, x] * xh[b, k, y, x]; }
            g[bet + k] += sdy; g[gam + k] += sdyx;
            T mdx = sdy * w[gam + k] / N, mdxx = sdyx * w[gam + k] / N;
            for (int b = 0; b < B; b++) for (int y = 0; y < O; y++) for (int x = 0; x < O; x++)
            {
                T dz = rs[k] * (dy![b, k, y, x] * w[gam + k] - mdx - xh[b, k, y, x] * mdxx);
                g[cb + k] += dz;
                for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) g[k * 9 + i * 3 + j] += dz * T.CreateChecked(X[b][(y + i) * H + x + j]);
            }
        }
        return loss;
    }
}
