using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>
/// conv1d (no padding) → activation → pooling → dense → MSE: every kernel weight feeds hundreds of switch points. Pooling
/// "mean" averages over all positions; "max" takes the maximum of each window of <see cref="Window"/> positions (stride
/// <see cref="Window"/>; the first maximum wins a tie) and averages the windows, so argmax changes add switch points too.
/// </summary>
public sealed class Conv(int batch, int length, int channels, int kernel, string act, int dataSeed, string pool = "mean") : INet
{
    readonly double[][] X = Enumerable.Range(0, batch).Select(i => { var r = new Random(dataSeed * 1000 + i); return Enumerable.Range(0, length).Select(_ => r.NextDouble() * 2 - 1).ToArray(); }).ToArray();
    readonly double[] Y = Enumerable.Range(0, batch).Select(i => new Random(dataSeed + 7 * i).NextDouble()).ToArray();
    /// <summary>Positions per max-pooling window.</summary>
    public const int Window = 4;

    public string Name => $"conv1d {channels}ch k{kernel} {batch}x{length} {act} {pool}pool dense MSE";
    public int Size => channels * kernel + channels + channels + 1;
    public double[] Init(int seed) { var r = new Random(seed); return Enumerable.Range(0, Size).Select(_ => (r.NextDouble() * 2 - 1) * 0.5).ToArray(); }
    public bool MissingActivationDerivative { get; init; }
    public T Loss<T>(T[] w) where T : IFloatingPointIeee754<T> => Run(w, null);
    public T[] Grad<T>(T[] w) where T : IFloatingPointIeee754<T> { var g = new T[w.Length]; Run(w, g); return g; }
    T Run<T>(T[] w, T[]? g) where T : IFloatingPointIeee754<T>
    {
        int P = length - kernel + 1, bias = channels * kernel, dense = bias + channels, db = dense + channels;
        bool max = pool == "max";
        int windows = max ? P / Window : P;
        T loss = T.Zero, inv = T.One / T.CreateChecked(batch), invP = T.One / T.CreateChecked(windows);
        var z = new T[channels, P]; var a = new T[channels, P]; var pooled = new T[channels];
        var winner = new int[channels, windows];
        for (int s = 0; s < batch; s++)
        {
            var x = X[s].Select(T.CreateChecked).ToArray();
            for (int c = 0; c < channels; c++)
            {
                T sum = T.Zero;
                for (int p = 0; p < P; p++) { T acc = w[bias + c]; for (int k = 0; k < kernel; k++) acc += w[c * kernel + k] * x[p + k]; z[c, p] = acc; a[c, p] = Activation.F(act, acc); }
                for (int v = 0; v < windows; v++)
                {
                    int best = max ? v * Window : v;
                    if (max) for (int p = best + 1; p < (v + 1) * Window; p++) if (a[c, p] > a[c, best]) best = p;
                    winner[c, v] = best;
                    sum += a[c, best];
                }
                pooled[c] = sum * invP;
            }
            T yhat = w[db]; for (int c = 0; c < channels; c++) yhat += w[dense + c] * pooled[c];
            T r = yhat - T.CreateChecked(Y[s]);
            loss += r * r * inv;
            if (g is null) continue;
            T dy = T.CreateChecked(2) * r * inv;
            g[db] += dy;
            for (int c = 0; c < channels; c++)
            {
                g[dense + c] += dy * pooled[c];
                T dp = dy * w[dense + c] * invP;
                for (int v = 0; v < windows; v++)
                {
                    int p = winner[c, v];
                    T dz = MissingActivationDerivative ? dp : dp * Activation.D(act, z[c, p], a[c, p]);
                    g[bias + c] += dz;
                    for (int k = 0; k < kernel; k++) g[c * kernel + k] += dz * x[p + k];
                }
            }
        }
        return loss;
    }
}
