using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>
/// Single-head self-attention over short sequences → mean over positions → dense → MSE: Q = x·Wq, K = x·Wk, V = x·Wv,
/// softmax(Q·Kᵀ/√d) rows weight V. The softmax's Jacobian and the two paths into the scores (through Q and through K) are
/// where hand-written attention backprop goes wrong.
/// </summary>
public sealed class Attention(int batch, int length, int dim, int dataSeed) : INet
{
    readonly double[][][] X = Enumerable.Range(0, batch).Select(s => { var r = new Random(dataSeed * 6151 + s); return Enumerable.Range(0, length).Select(_ => Enumerable.Range(0, dim).Select(_ => r.NextDouble() * 2 - 1).ToArray()).ToArray(); }).ToArray();
    readonly double[] Y = Enumerable.Range(0, batch).Select(s => new Random(dataSeed + 17 * s).NextDouble() * 2 - 1).ToArray();
    public string Name => $"self-attention {batch}x{length}x{dim} meanpool dense MSE";
    public int Size => 3 * dim * dim + dim + 1;
    public double[] Init(int seed) { var r = new Random(seed); return Enumerable.Range(0, Size).Select(_ => (r.NextDouble() * 2 - 1) * 0.8).ToArray(); }

    /// <summary>The planted bug: the softmax's Jacobian is dropped (the scores' gradient taken as the weights').</summary>
    public bool MissingActivationDerivative { get; init; }

    public T Loss<T>(T[] w) where T : IFloatingPointIeee754<T> => Run(w, null);
    public T[] Grad<T>(T[] w) where T : IFloatingPointIeee754<T> { var g = new T[w.Length]; Run(w, g); return g; }

    T Run<T>(T[] w, T[]? g) where T : IFloatingPointIeee754<T>
    {
        int wq = 0, wk = dim * dim, wv = 2 * dim * dim, wo = 3 * dim * dim, bo = wo + dim;
        T loss = T.Zero, inv = T.One / T.CreateChecked(batch), invL = T.One / T.CreateChecked(length), scale = T.One / T.Sqrt(T.CreateChecked(dim));
        var q = new T[length, dim]; var k = new T[length, dim]; var v = new T[length, dim]; var a = new T[length, length];
        var dq = new T[length, dim]; var dk = new T[length, dim]; var dv = new T[length, dim]; var pooled = new T[dim];
        for (int s = 0; s < batch; s++)
        {
            var x = X[s].Select(row => row.Select(T.CreateChecked).ToArray()).ToArray();
            for (int t = 0; t < length; t++)
                for (int c = 0; c < dim; c++)
                {
                    T sq = T.Zero, sk = T.Zero, sv = T.Zero;
                    for (int i = 0; i < dim; i++) { sq += x[t][i] * w[wq + i * dim + c]; sk += x[t][i] * w[wk + i * dim + c]; sv += x[t][i] * w[wv + i * dim + c]; }
                    (q[t, c], k[t, c], v[t, c]) = (sq, sk, sv);
                }
            Array.Clear(pooled);
            for (int t = 0; t < length; t++)
            {
                T m = T.NegativeInfinity;
                for (int u = 0; u < length; u++)
                {
                    T score = T.Zero;
                    for (int c = 0; c < dim; c++) score += q[t, c] * k[u, c];
                    a[t, u] = score * scale;
                    if (a[t, u] > m) m = a[t, u];
                }
                T sum = T.Zero;
                for (int u = 0; u < length; u++) { a[t, u] = T.Exp(a[t, u] - m); sum += a[t, u]; }
                for (int u = 0; u < length; u++) a[t, u] /= sum;
                for (int c = 0; c < dim; c++) { T o = T.Zero; for (int u = 0; u < length; u++) o += a[t, u] * v[u, c]; pooled[c] += o * invL; }
            }
            T yhat = w[bo];
            for (int c = 0; c < dim; c++) yhat += w[wo + c] * pooled[c];
            T r = yhat - T.CreateChecked(Y[s]);
            loss += r * r * inv;
            if (g is null) continue;

            T dy = T.CreateChecked(2) * r * inv;
            g[bo] += dy;
            for (int c = 0; c < dim; c++) g[wo + c] += dy * pooled[c];
            Array.Clear(dq); Array.Clear(dk); Array.Clear(dv);
            for (int t = 0; t < length; t++)
            {
                // dO[t] = dpooled / length, the same for every position.
                var dA = new T[length];
                T weighted = T.Zero;
                for (int u = 0; u < length; u++)
                {
                    T dot = T.Zero;
                    for (int c = 0; c < dim; c++)
                    {
                        T dO = dy * w[wo + c] * invL;
                        dv[u, c] += a[t, u] * dO;
                        dot += dO * v[u, c];
                    }
                    dA[u] = dot;
                    weighted += a[t, u] * dot;
                }
                for (int u = 0; u < length; u++)
                {
                    // Softmax's Jacobian: dS = A ⊙ (dA − Σ A·dA).
                    T dS = (MissingActivationDerivative ? dA[u] : a[t, u] * (dA[u] - weighted)) * scale;
                    for (int c = 0; c < dim; c++) { dq[t, c] += dS * k[u, c]; dk[u, c] += dS * q[t, c]; }
                }
            }
            for (int t = 0; t < length; t++)
                for (int i = 0; i < dim; i++)
                    for (int c = 0; c < dim; c++)
                    {
                        g[wq + i * dim + c] += x[t][i] * dq[t, c];
                        g[wk + i * dim + c] += x[t][i] * dk[t, c];
                        g[wv + i * dim + c] += x[t][i] * dv[t, c];
                    }
        }
        return loss;
    }
}
