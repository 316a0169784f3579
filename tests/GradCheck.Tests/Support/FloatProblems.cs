namespace GradCheck.Tests.Support;

/// <summary>float32 versions of some problems: computed in float, gradients by the exact formula in float.</summary>
public sealed record FloatProblem(string Name, Func<float[], float> F, Func<float[], float[]> Gradient, float[] Point)
{
    public override string ToString() => Name;
}

public static class FloatProblems
{
    public static FloatProblem TanhNetwork(int inputs, int hidden, int batch, int seed)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, inputs).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
        var y = Enumerable.Range(0, batch).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        int n = hidden * inputs + hidden;
        float F(float[] p)
        {
            float loss = 0;
            for (int i = 0; i < batch; i++)
            {
                float output = 0;
                for (int h = 0; h < hidden; h++)
                {
                    float z = 0;
                    for (int j = 0; j < inputs; j++) z += p[h * inputs + j] * x[i][j];
                    output += p[hidden * inputs + h] * MathF.Tanh(z);
                }
                loss += 0.5f * (output - y[i]) * (output - y[i]);
            }
            return loss / batch;
        }
        float[] G(float[] p)
        {
            var g = new float[n];
            for (int i = 0; i < batch; i++)
            {
                var t = new float[hidden];
                float output = 0;
                for (int h = 0; h < hidden; h++)
                {
                    float z = 0;
                    for (int j = 0; j < inputs; j++) z += p[h * inputs + j] * x[i][j];
                    t[h] = MathF.Tanh(z);
                    output += p[hidden * inputs + h] * t[h];
                }
                float d = (output - y[i]) / batch;
                for (int h = 0; h < hidden; h++)
                {
                    g[hidden * inputs + h] += d * t[h];
                    float dz = d * p[hidden * inputs + h] * (1 - t[h] * t[h]);
                    for (int j = 0; j < inputs; j++) g[h * inputs + j] += dz * x[i][j];
                }
            }
            return g;
        }
        var point = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return new FloatProblem($"float tanh network {inputs}-{hidden}", F, G, point);
    }

    public static FloatProblem SoftmaxCrossEntropy(int classes, int features, int batch, int seed)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, features).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
        var labels = Enumerable.Range(0, batch).Select(_ => random.Next(classes)).ToArray();
        int n = classes * features;
        float[] Logits(float[] w, int i)
        {
            var z = new float[classes];
            for (int c = 0; c < classes; c++)
                for (int f = 0; f < features; f++) z[c] += w[c * features + f] * x[i][f];
            return z;
        }
        static float Lse(float[] z)
        {
            float m = z.Max(), s = 0;
            foreach (var v in z) s += MathF.Exp(v - m);
            return m + MathF.Log(s);
        }
        float F(float[] w)
        {
            float loss = 0;
            for (int i = 0; i < batch; i++)
            {
                var z = Logits(w, i);
                loss += Lse(z) - z[labels[i]];
            }
            return loss / batch;
        }
        float[] G(float[] w)
        {
            var g = new float[n];
            for (int i = 0; i < batch; i++)
            {
                var z = Logits(w, i);
                float lse = Lse(z);
                for (int c = 0; c < classes; c++)
                {
                    float p = MathF.Exp(z[c] - lse) - (c == labels[i] ? 1 : 0);
                    for (int f = 0; f < features; f++) g[c * features + f] += p * x[i][f] / batch;
                }
            }
            return g;
        }
        var point = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return new FloatProblem($"float softmax cross-entropy {classes}x{features}", F, G, point);
    }

    public static FloatProblem Quadratic(int n, int seed)
    {
        var random = new Random(seed);
        var d = Enumerable.Range(0, n).Select(_ => (float)(0.5 + random.NextDouble() * 3)).ToArray();
        float F(float[] x) { float s = 0; for (int i = 0; i < n; i++) s += 0.5f * d[i] * x[i] * x[i] + MathF.Sin(x[i]); return s; }
        float[] G(float[] x) => x.Select((v, i) => d[i] * v + MathF.Cos(v)).ToArray();
        var point = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        return new FloatProblem($"float diagonal quadratic n={n}", F, G, point);
    }

    public static IEnumerable<FloatProblem> Correct()
    {
        yield return TanhNetwork(3, 4, 6, 21);
        yield return SoftmaxCrossEntropy(4, 3, 8, 22);
        yield return Quadratic(8, 23);
    }
}
