using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>
/// A deep MLP: 32 samples × 8 inputs → four hidden layers of 16 with SiLU (x·σ(x)) → 4-class softmax cross-entropy. A
/// first-layer weight reaches the loss through four smooth nonlinearities, the deep chain whose float32 curvature makes
/// large steps wrong and small ones noisy.
/// </summary>
public sealed class DeepMlp(int dataSeed) : INet
{
    const int N = 32, Classes = 4;
    static readonly int[] Widths = [8, 16, 16, 16, 16, Classes];
    readonly double[][] X = Enumerable.Range(0, N).Select(s => { var r = new Random(dataSeed * 389 + s); return Enumerable.Range(0, Widths[0]).Select(_ => r.NextDouble() * 2 - 1).ToArray(); }).ToArray();
    readonly int[] Labels = Enumerable.Range(0, N).Select(s => new Random(dataSeed + 7 * s).Next(Classes)).ToArray();

    public string Name => "deep MLP 32x8->16->16->16->16 SiLU->4 softmax CE";
    public int Size => Enumerable.Range(0, Widths.Length - 1).Sum(l => Widths[l + 1] * Widths[l] + Widths[l + 1]);
    public double[] Init(int seed)
    {
        var r = new Random(seed);
        var w = new double[Size];
        int at = 0;
        for (int l = 0; l + 1 < Widths.Length; l++)
        {
            double scale = Math.Sqrt(6.0 / Widths[l]);
            for (int i = 0; i < Widths[l + 1] * Widths[l] + Widths[l + 1]; i++) w[at++] = (r.NextDouble() * 2 - 1) * scale;
        }
        return w;
    }

    /// <summary>The tensors in order: fcL.weight (out × in, row-major) and fcL.bias per layer.</summary>
    public static IReadOnlyList<(string Name, int Size)> Tensors =>
        [.. Enumerable.Range(0, Widths.Length - 1).SelectMany(l => new[] { ($"fc{l + 1}.weight", Widths[l + 1] * Widths[l]), ($"fc{l + 1}.bias", Widths[l + 1]) })];

    public static (int Rows, int Columns) FirstLayerShape => (Widths[1], Widths[0]);

    /// <summary>The planted bug: SiLU's derivative is taken as 1.</summary>
    public bool MissingActivationDerivative { get; init; }

    public T Loss<T>(T[] w) where T : IFloatingPointIeee754<T> => Run(w, null);
    public T[] Grad<T>(T[] w) where T : IFloatingPointIeee754<T> { var g = new T[w.Length]; Run(w, g); return g; }

    T Run<T>(T[] w, T[]? g) where T : IFloatingPointIeee754<T>
    {
        int layers = Widths.Length - 1;
        var offsets = new int[layers];
        for (int l = 1; l < layers; l++) offsets[l] = offsets[l - 1] + Widths[l] * Widths[l - 1] + Widths[l];
        T loss = T.Zero, inv = T.One / T.CreateChecked(N);
        for (int s = 0; s < N; s++)
        {
            var acts = new T[layers + 1][]; var pres = new T[layers][];
            acts[0] = X[s].Select(T.CreateChecked).ToArray();
            for (int l = 0; l < layers; l++)
            {
                int o = offsets[l], bias = o + Widths[l + 1] * Widths[l];
                pres[l] = new T[Widths[l + 1]]; acts[l + 1] = new T[Widths[l + 1]];
                for (int j = 0; j < Widths[l + 1]; j++)
                {
                    T acc = w[bias + j];
                    for (int i = 0; i < Widths[l]; i++) acc += w[o + j * Widths[l] + i] * acts[l][i];
                    pres[l][j] = acc;
                    acts[l + 1][j] = l == layers - 1 ? acc : acc * Activation.Sigmoid(acc);
                }
            }
            var logits = acts[layers];
            T lse = SoftmaxCrossEntropy.LogSumExp(logits);
            loss += (lse - logits[Labels[s]]) * inv;
            if (g is null) continue;
            var delta = Enumerable.Range(0, Classes).Select(c => SoftmaxCrossEntropy.Derivative(logits, lse, Labels[s], c) * inv).ToArray();
            for (int l = layers - 1; l >= 0; l--)
            {
                int o = offsets[l], bias = o + Widths[l + 1] * Widths[l];
                var below = new T[Widths[l]];
                for (int j = 0; j < Widths[l + 1]; j++)
                {
                    g[bias + j] += delta[j];
                    for (int i = 0; i < Widths[l]; i++) { g[o + j * Widths[l] + i] += delta[j] * acts[l][i]; below[i] += delta[j] * w[o + j * Widths[l] + i]; }
                }
                if (l == 0) break;
                for (int i = 0; i < Widths[l]; i++)
                {
                    T a = pres[l - 1][i], sig = Activation.Sigmoid(a);
                    below[i] *= MissingActivationDerivative ? T.One : sig * (T.One + a * (T.One - sig));
                }
                delta = below;
            }
        }
        return loss;
    }
}
