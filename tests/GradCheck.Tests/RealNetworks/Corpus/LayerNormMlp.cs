using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>
/// Dense → layer norm (gain and bias) → tanh → dense → softmax cross-entropy: layer norm's backward pass (through the mean
/// and the variance of each row) is where hand-written backprop most often goes wrong; its input's gradient is exercised
/// through the first layer's weights.
/// </summary>
public sealed class LayerNormMlp(int batch, int inputs, int hidden, int classes, int dataSeed) : INet
{
    private const double Epsilon = 1e-5;
    readonly double[][] X = Enumerable.Range(0, batch).Select(i => { var r = new Random(dataSeed * 104729 + i); return Enumerable.Range(0, inputs).Select(_ => r.NextDouble() * 2 - 1).ToArray(); }).ToArray();
    readonly int[] Y = Enumerable.Range(0, batch).Select(i => new Random(dataSeed + 13 * i).Next(classes)).ToArray();
    public string Name => $"MLP {batch}x{inputs}->{hidden} layernorm tanh->{classes} softmax CE";
    public int Size => inputs * hidden + hidden + 2 * hidden + hidden * classes + classes;
    public double[] Init(int seed)
    {
        var r = new Random(seed);
        int gain = inputs * hidden + hidden;
        return Enumerable.Range(0, Size).Select(i => i >= gain && i < gain + hidden ? 1 + (r.NextDouble() * 2 - 1) * 0.2 : (r.NextDouble() * 2 - 1) * 0.5).ToArray();
    }
    public bool MissingActivationDerivative { get; init; }
    public T Loss<T>(T[] w) where T : IFloatingPointIeee754<T> => Run(w, null);
    public T[] Grad<T>(T[] w) where T : IFloatingPointIeee754<T> { var g = new T[w.Length]; Run(w, g); return g; }

    T Run<T>(T[] w, T[]? g) where T : IFloatingPointIeee754<T>
    {
        int b1 = inputs * hidden, gain = b1 + hidden, beta = gain + hidden, w2 = beta + hidden, b2 = w2 + hidden * classes;
        T loss = T.Zero, inv = T.One / T.CreateChecked(batch), invH = T.One / T.CreateChecked(hidden);
        var z = new T[hidden]; var n = new T[hidden]; var a = new T[hidden]; var o = new T[classes];
        var da = new T[hidden]; var dn = new T[hidden];
        for (int s = 0; s < batch; s++)
        {
            var x = X[s].Select(T.CreateChecked).ToArray();
            for (int j = 0; j < hidden; j++) { T acc = w[b1 + j]; for (int i = 0; i < inputs; i++) acc += w[j * inputs + i] * x[i]; z[j] = acc; }
            T mean = T.Zero; for (int j = 0; j < hidden; j++) mean += z[j]; mean *= invH;
            T variance = T.Zero; for (int j = 0; j < hidden; j++) variance += (z[j] - mean) * (z[j] - mean); variance *= invH;
            T rstd = T.One / T.Sqrt(variance + T.CreateChecked(Epsilon));
            for (int j = 0; j < hidden; j++) { n[j] = (z[j] - mean) * rstd; a[j] = T.Tanh(w[gain + j] * n[j] + w[beta + j]); }
            for (int c = 0; c < classes; c++) { T acc = w[b2 + c]; for (int j = 0; j < hidden; j++) acc += w[w2 + c * hidden + j] * a[j]; o[c] = acc; }
            T lse = SoftmaxCrossEntropy.LogSumExp(o);
            loss += (lse - o[Y[s]]) * inv;
            if (g is null) continue;
            Array.Clear(da);
            for (int c = 0; c < classes; c++)
            {
                T d = SoftmaxCrossEntropy.Derivative(o, lse, Y[s], c) * inv;
                g[b2 + c] += d;
                for (int j = 0; j < hidden; j++) { g[w2 + c * hidden + j] += d * a[j]; da[j] += d * w[w2 + c * hidden + j]; }
            }
            T meanDn = T.Zero, meanDnN = T.Zero;
            for (int j = 0; j < hidden; j++)
            {
                T dpre = MissingActivationDerivative ? da[j] : da[j] * (T.One - a[j] * a[j]);
                g[gain + j] += dpre * n[j];
                g[beta + j] += dpre;
                dn[j] = dpre * w[gain + j];
                meanDn += dn[j];
                meanDnN += dn[j] * n[j];
            }
            meanDn *= invH;
            meanDnN *= invH;
            for (int j = 0; j < hidden; j++)
            {
                // Layer norm's backward: dz = rstd · (dn − mean(dn) − n · mean(dn·n)).
                T dz = rstd * (dn[j] - meanDn - n[j] * meanDnN);
                g[b1 + j] += dz;
                for (int i = 0; i < inputs; i++) g[j * inputs + i] += dz * x[i];
            }
        }
        return loss;
    }
}
