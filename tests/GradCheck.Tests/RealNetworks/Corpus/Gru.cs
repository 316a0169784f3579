using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>
/// A GRU through time: z = σ(Wz·x + Uz·h + bz), r = σ(Wr·x + Ur·h + br), n = tanh(Wn·x + Un·(r ⊙ h) + bn),
/// h' = (1 − z) ⊙ n + z ⊙ h; MSE of the last state against targets, backprop through time. Sigmoid gates multiply the
/// state, so each weight's derivative is a long product of saturating factors: the float32 curvature the RNN false
/// alarms came from, with gates on top.
/// </summary>
public sealed class Gru(int batch, int steps, int hidden, int inputs, int dataSeed) : INet
{
    readonly double[][][] X = Enumerable.Range(0, batch).Select(i => { var r = new Random(dataSeed * 211 + i); return Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, inputs).Select(_ => r.NextDouble() * 2 - 1).ToArray()).ToArray(); }).ToArray();
    readonly double[][] Y = Enumerable.Range(0, batch).Select(i => { var r = new Random(dataSeed + 37 * i); return Enumerable.Range(0, hidden).Select(_ => r.NextDouble() * 2 - 1).ToArray(); }).ToArray();

    public string Name => $"GRU {steps} steps hidden {hidden} input {inputs} batch {batch} MSE";

    /// <summary>Per gate (z, r, n): W (hidden × inputs), U (hidden × hidden), b (hidden), in that order.</summary>
    int GateSize => hidden * inputs + hidden * hidden + hidden;
    public int Size => 3 * GateSize;
    public double[] Init(int seed) { var r = new Random(seed); return Enumerable.Range(0, Size).Select(_ => (r.NextDouble() * 2 - 1) * 1.5 / Math.Sqrt(hidden)).ToArray(); }

    /// <summary>The planted bug: the candidate's tanh derivative is taken as 1.</summary>
    public bool MissingActivationDerivative { get; init; }

    public T Loss<T>(T[] w) where T : IFloatingPointIeee754<T> => Run(w, null);
    public T[] Grad<T>(T[] w) where T : IFloatingPointIeee754<T> { var g = new T[w.Length]; Run(w, g); return g; }

    /// <summary>Gate <paramref name="gate"/>'s pre-activation: W·x + U·h + b.</summary>
    T Pre<T>(T[] w, int gate, int j, T[] x, T[] h) where T : IFloatingPointIeee754<T>
    {
        int o = gate * GateSize, u = o + hidden * inputs, b = u + hidden * hidden;
        T acc = w[b + j];
        for (int i = 0; i < inputs; i++) acc += w[o + j * inputs + i] * x[i];
        for (int k = 0; k < hidden; k++) acc += w[u + j * hidden + k] * h[k];
        return acc;
    }

    /// <summary>Adds d·[x; h; 1] to gate <paramref name="gate"/>'s gradient and d·U to the state's.</summary>
    void Back<T>(T[] w, T[] g, int gate, int j, T d, T[] x, T[] h, T[] dh) where T : IFloatingPointIeee754<T>
    {
        int o = gate * GateSize, u = o + hidden * inputs, b = u + hidden * hidden;
        g[b + j] += d;
        for (int i = 0; i < inputs; i++) g[o + j * inputs + i] += d * x[i];
        for (int k = 0; k < hidden; k++) { g[u + j * hidden + k] += d * h[k]; dh[k] += d * w[u + j * hidden + k]; }
    }

    T Run<T>(T[] w, T[]? g) where T : IFloatingPointIeee754<T>
    {
        T loss = T.Zero, inv = T.One / T.CreateChecked(batch * hidden), two = T.CreateChecked(2);
        for (int s = 0; s < batch; s++)
        {
            var xs = X[s].Select(v => v.Select(T.CreateChecked).ToArray()).ToArray();
            var hs = new T[steps + 1][]; var zs = new T[steps][]; var rs = new T[steps][]; var ns = new T[steps][]; var rhs = new T[steps][];
            hs[0] = new T[hidden];
            for (int t = 0; t < steps; t++)
            {
                var h = hs[t];
                var z = new T[hidden]; var r = new T[hidden]; var rh = new T[hidden]; var n = new T[hidden]; var next = new T[hidden];
                for (int j = 0; j < hidden; j++) { z[j] = Activation.Sigmoid(Pre(w, 0, j, xs[t], h)); r[j] = Activation.Sigmoid(Pre(w, 1, j, xs[t], h)); rh[j] = r[j] * h[j]; }
                for (int j = 0; j < hidden; j++) { n[j] = T.Tanh(Pre(w, 2, j, xs[t], rh)); next[j] = (T.One - z[j]) * n[j] + z[j] * h[j]; }
                (zs[t], rs[t], rhs[t], ns[t], hs[t + 1]) = (z, r, rh, n, next);
            }
            var dh = new T[hidden];
            for (int j = 0; j < hidden; j++)
            {
                T e = hs[steps][j] - T.CreateChecked(Y[s][j]);
                loss += e * e * inv;
                dh[j] = two * e * inv;
            }
            if (g is null) continue;
            for (int t = steps - 1; t >= 0; t--)
            {
                var (h, z, r, n) = (hs[t], zs[t], rs[t], ns[t]);
                var previous = new T[hidden]; var drh = new T[hidden];
                for (int j = 0; j < hidden; j++)
                {
                    T dn = dh[j] * (T.One - z[j]);
                    T dan = MissingActivationDerivative ? dn : dn * (T.One - n[j] * n[j]);
                    Back(w, g, 2, j, dan, xs[t], rhs[t], drh);
                    previous[j] += dh[j] * z[j];
                }
                for (int j = 0; j < hidden; j++)
                {
                    previous[j] += drh[j] * r[j];
                    T dar = drh[j] * h[j] * r[j] * (T.One - r[j]);
                    Back(w, g, 1, j, dar, xs[t], h, previous);
                    T daz = dh[j] * (h[j] - n[j]) * z[j] * (T.One - z[j]);
                    Back(w, g, 0, j, daz, xs[t], h, previous);
                }
                dh = previous;
            }
        }
        return loss;
    }
}
