using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>Dense → activation → dense → softmax cross-entropy over a batch: the classic MLP.</summary>
public sealed class Mlp(int batch, int inputs, int hidden, int classes, string act, int dataSeed) : INet
{
    readonly double[][] X = Data(batch, inputs, dataSeed);
    readonly int[] Y = Enumerable.Range(0, batch).Select(i => new Random(dataSeed + i).Next(classes)).ToArray();
    public string Name => $"MLP {batch}x{inputs}->{hidden} {act}->{classes} softmax CE";
    public int Size => inputs * hidden + hidden + hidden * classes + classes;
    static double[][] Data(int b, int n, int s) { var r = new Random(s); return Enumerable.Range(0, b).Select(_ => Enumerable.Range(0, n).Select(_ => r.NextDouble() * 2 - 1).ToArray()).ToArray(); }
    public double[] Init(int seed) { var r = new Random(seed); return Enumerable.Range(0, Size).Select(i => (r.NextDouble() * 2 - 1) * (i < inputs * hidden + hidden ? 1 / Math.Sqrt(inputs) : 1 / Math.Sqrt(hidden))).ToArray(); }
    public bool MissingActivationDerivative { get; init; }
    public T Loss<T>(T[] w) where T : IFloatingPointIeee754<T> => Run(w, null);
    public T[] Grad<T>(T[] w) where T : IFloatingPointIeee754<T> { var g = new T[w.Length]; Run(w, g); return g; }
    T Run<T>(T[] w, T[]? g) where T : IFloatingPointIeee754<T>
    {
        int w2 = inputs * hidden + hidden, b2 = w2 + hidden * classes;
        T loss = T.Zero, inv = T.One / T.CreateChecked(batch);
        var z = new T[hidden]; var a = new T[hidden]; var o = new T[classes]; var da = new T[hidden];
        for (int s = 0; s < batch; s++)
        {
            var x = X[s].Select(T.CreateChecked).ToArray();
            for (int j = 0; j < hidden; j++) { T acc = w[inputs * hidden + j]; for (int i = 0; i < inputs; i++) acc += w[j * inputs + i] * x[i]; z[j] = acc; a[j] = Activation.F(act, acc); }
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
            for (int j = 0; j < hidden; j++)
            {
                T dz = MissingActivationDerivative ? da[j] : da[j] * Activation.D(act, z[j], a[j]);
                g[inputs * hidden + j] += dz;
                for (int i = 0; i < inputs; i++) g[j * inputs + i] += dz * x[i];
            }
        }
        return loss;
    }
}
