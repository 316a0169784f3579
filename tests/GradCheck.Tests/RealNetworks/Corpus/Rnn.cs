using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>Vanilla RNN h_t = tanh(Wx·x_t + Wh·h_{t−1} + b), MSE of the last state against targets, backprop through time.</summary>
public sealed class Rnn(int batch, int steps, int hidden, int inputs, int dataSeed) : INet
{
    readonly double[][][] X = Enumerable.Range(0, batch).Select(i => { var r = new Random(dataSeed * 100 + i); return Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, inputs).Select(_ => r.NextDouble() * 2 - 1).ToArray()).ToArray(); }).ToArray();
    readonly double[][] Y = Enumerable.Range(0, batch).Select(i => { var r = new Random(dataSeed + 31 * i); return Enumerable.Range(0, hidden).Select(_ => r.NextDouble() * 2 - 1).ToArray(); }).ToArray();
    public string Name => $"RNN tanh {steps} steps hidden {hidden} input {inputs} batch {batch} MSE";
    public int Size => hidden * inputs + hidden * hidden + hidden;
    public double[] Init(int seed) { var r = new Random(seed); return Enumerable.Range(0, Size).Select(i => (r.NextDouble() * 2 - 1) / Math.Sqrt(hidden)).ToArray(); }
    public bool MissingActivationDerivative { get; init; }
    public T Loss<T>(T[] w) where T : IFloatingPointIeee754<T> => Run(w, null);
    public T[] Grad<T>(T[] w) where T : IFloatingPointIeee754<T> { var g = new T[w.Length]; Run(w, g); return g; }
    T Run<T>(T[] w, T[]? g) where T : IFloatingPointIeee754<T>
    {
        int wh = hidden * inputs, b = wh + hidden * hidden;
        T loss = T.Zero, inv = T.One / T.CreateChecked(batch * hidden);
        var hs = new T[steps + 1][];
        for (int s = 0; s < batch; s++)
        {
            hs[0] = new T[hidden];
            var xs = X[s].Select(v => v.Select(T.CreateChecked).ToArray()).ToArray();
            for (int t = 0; t < steps; t++)
            {
                var h = new T[hidden];
                for (int j = 0; j < hidden; j++)
                {
                    T acc = w[b + j];
                    for (int i = 0; i < inputs; i++) acc += w[j * inputs + i] * xs[t][i];
                    for (int k = 0; k < hidden; k++) acc += w[wh + j * hidden + k] * hs[t][k];
                    h[j] = T.Tanh(acc);
                }
                hs[t + 1] = h;
            }
            var dh = new T[hidden];
            for (int j = 0; j < hidden; j++) { T r = hs[steps][j] - T.CreateChecked(Y[s][j]); loss += r * r * inv; dh[j] = T.CreateChecked(2) * r * inv; }
            if (g is null) continue;
            for (int t = steps; t >= 1; t--)
            {
                var dprev = new T[hidden];
                for (int j = 0; j < hidden; j++)
                {
                    T dz = MissingActivationDerivative ? dh[j] : dh[j] * (T.One - hs[t][j] * hs[t][j]);
                    g[b + j] += dz;
                    for (int i = 0; i < inputs; i++) g[j * inputs + i] += dz * xs[t - 1][i];
                    for (int k = 0; k < hidden; k++) { g[wh + j * hidden + k] += dz * hs[t - 1][k]; dprev[k] += dz * w[wh + j * hidden + k]; }
                }
                dh = dprev;
            }
        }
        return loss;
    }
}
