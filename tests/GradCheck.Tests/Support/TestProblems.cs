namespace GradCheck.Tests.Support;

/// <summary>A scalar function with its exact gradient (derived by hand) and a point to check it at.</summary>
public sealed record Problem(string Name, Func<double[], double> F, Func<double[], double[]> Gradient, double[] Point)
{
    public override string ToString() => Name;
}

/// <summary>
/// Correct gradients of the kinds users check: ML losses and hard-but-correct cases. Every gradient is the
/// exact, hand-derived formula, never a numeric estimate.
/// </summary>
public static class TestProblems
{
    public static Problem Quadratic(int n, int seed)
    {
        var random = new Random(seed);
        var a = RandomMatrix(random, n, n);
        var b = RandomVector(random, n);
        // f = ½ xᵀ(AᵀA)x + bᵀx, ∇f = AᵀA x + b
        double F(double[] x)
        {
            var ax = Multiply(a, x);
            return 0.5 * Dot(ax, ax) + Dot(b, x);
        }
        double[] G(double[] x)
        {
            var ax = Multiply(a, x);
            var g = new double[n];
            for (int j = 0; j < n; j++)
            {
                g[j] = b[j];
                for (int i = 0; i < n; i++) g[j] += a[i][j] * ax[i];
            }
            return g;
        }
        return new Problem($"quadratic n={n}", F, G, RandomVector(random, n));
    }

    public static Problem Logistic(int n, int batch, int seed)
    {
        var random = new Random(seed);
        var x = RandomMatrix(random, batch, n);
        var y = Enumerable.Range(0, batch).Select(_ => random.Next(2) * 1.0).ToArray();
        // mean log-loss of sigmoid(w·x); ∇ = mean (σ − y) x
        double F(double[] w) => Enumerable.Range(0, batch).Average(i =>
        {
            double z = Dot(w, x[i]);
            return Softplus(z) - y[i] * z;
        });
        double[] G(double[] w)
        {
            var g = new double[n];
            for (int i = 0; i < batch; i++)
            {
                double s = Sigmoid(Dot(w, x[i]));
                for (int j = 0; j < n; j++) g[j] += (s - y[i]) * x[i][j] / batch;
            }
            return g;
        }
        return new Problem($"logistic n={n}", F, G, RandomVector(random, n));
    }

    public static Problem SoftmaxCrossEntropy(int classes, int features, int batch, int seed, double scale = 1)
    {
        var random = new Random(seed);
        var x = RandomMatrix(random, batch, features);
        var labels = Enumerable.Range(0, batch).Select(_ => random.Next(classes)).ToArray();
        int n = classes * features;
        double[] Logits(double[] w, int i) => Enumerable.Range(0, classes)
            .Select(c => Enumerable.Range(0, features).Sum(f => w[c * features + f] * x[i][f])).ToArray();
        double F(double[] w) => Enumerable.Range(0, batch).Average(i =>
        {
            var z = Logits(w, i);
            return LogSumExp(z) - z[labels[i]];
        });
        double[] G(double[] w)
        {
            var g = new double[n];
            for (int i = 0; i < batch; i++)
            {
                var z = Logits(w, i);
                double lse = LogSumExp(z);
                for (int c = 0; c < classes; c++)
                {
                    double p = Math.Exp(z[c] - lse) - (c == labels[i] ? 1 : 0);
                    for (int f = 0; f < features; f++) g[c * features + f] += p * x[i][f] / batch;
                }
            }
            return g;
        }
        var point = RandomVector(random, n).Select(v => v * scale).ToArray();
        return new Problem($"softmax cross-entropy {classes}x{features} scale={scale}", F, G, point);
    }

    public static Problem TanhNetwork(int inputs, int hidden, int batch, int seed)
    {
        var random = new Random(seed);
        var x = RandomMatrix(random, batch, inputs);
        var y = RandomVector(random, batch);
        int n = hidden * inputs + hidden;   // W (hidden×inputs), v (hidden): out = v·tanh(Wx)
        double F(double[] p)
        {
            double loss = 0;
            for (int i = 0; i < batch; i++)
            {
                double output = 0;
                for (int h = 0; h < hidden; h++)
                {
                    double z = 0;
                    for (int j = 0; j < inputs; j++) z += p[h * inputs + j] * x[i][j];
                    output += p[hidden * inputs + h] * Math.Tanh(z);
                }
                loss += 0.5 * (output - y[i]) * (output - y[i]);
            }
            return loss / batch;
        }
        double[] G(double[] p)
        {
            var g = new double[n];
            for (int i = 0; i < batch; i++)
            {
                var t = new double[hidden];
                double output = 0;
                for (int h = 0; h < hidden; h++)
                {
                    double z = 0;
                    for (int j = 0; j < inputs; j++) z += p[h * inputs + j] * x[i][j];
                    t[h] = Math.Tanh(z);
                    output += p[hidden * inputs + h] * t[h];
                }
                double d = (output - y[i]) / batch;
                for (int h = 0; h < hidden; h++)
                {
                    g[hidden * inputs + h] += d * t[h];
                    double dz = d * p[hidden * inputs + h] * (1 - t[h] * t[h]);
                    for (int j = 0; j < inputs; j++) g[h * inputs + j] += dz * x[i][j];
                }
            }
            return g;
        }
        return new Problem($"tanh network {inputs}-{hidden}", F, G, RandomVector(random, n));
    }

    public static Problem Rosenbrock(int n, int seed)
    {
        var random = new Random(seed);
        double F(double[] x)
        {
            double s = 0;
            for (int i = 0; i < n - 1; i++) s += 100 * Sq(x[i + 1] - x[i] * x[i]) + Sq(1 - x[i]);
            return s;
        }
        double[] G(double[] x)
        {
            var g = new double[n];
            for (int i = 0; i < n - 1; i++)
            {
                g[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]);
                g[i + 1] += 200 * (x[i + 1] - x[i] * x[i]);
            }
            return g;
        }
        return new Problem($"rosenbrock n={n}", F, G, RandomVector(random, n).Select(v => 1.5 * v).ToArray());
    }

    /// <summary>Stable log-sum-exp at inputs around 1000, where the naive formula overflows.</summary>
    public static Problem LogSumExpLarge(int n, int seed)
    {
        var random = new Random(seed);
        double[] G(double[] x)
        {
            double lse = LogSumExp(x);
            return x.Select(v => Math.Exp(v - lse)).ToArray();
        }
        return new Problem($"log-sum-exp at 1000 n={n}", LogSumExp, G, RandomVector(random, n).Select(v => 1000 + 3 * v).ToArray());
    }

    /// <summary>One huge term next to tiny ones: f = 1e8·x₀² + Σ xᵢ² + 1e-6·Σ sin(xᵢ).</summary>
    public static Problem HugeAndTiny(int n, int seed)
    {
        var random = new Random(seed);
        double F(double[] x) => 1e8 * x[0] * x[0] + x.Skip(1).Sum(v => v * v) + 1e-6 * x.Sum(Math.Sin);
        double[] G(double[] x) => x.Select((v, i) => (i == 0 ? 2e8 * v : 2 * v) + 1e-6 * Math.Cos(v)).ToArray();
        return new Problem($"huge and tiny terms n={n}", F, G, RandomVector(random, n));
    }

    /// <summary>Gradients around 1e-8: f = 1e-8·Σ (sin xᵢ + xᵢ²/2).</summary>
    public static Problem TinyGradient(int n, int seed)
    {
        var random = new Random(seed);
        double F(double[] x) => 1e-8 * x.Sum(v => Math.Sin(v) + 0.5 * v * v);
        double[] G(double[] x) => x.Select(v => 1e-8 * (Math.Cos(v) + v)).ToArray();
        return new Problem($"tiny gradient n={n}", F, G, RandomVector(random, n));
    }

    /// <summary>A smooth function plus a constant offset of 1e10.</summary>
    public static Problem LargeOffset(int n, int seed)
    {
        var inner = TanhNetwork(n, 2, 4, seed);
        return inner with { Name = "tanh network + 1e10", F = x => 1e10 + inner.F(x) };
    }

    /// <summary>Σ log(xᵢ) + Σ sqrt(xᵢ) at points within 1e-4 of the domain edge 0.</summary>
    public static Problem NearDomainEdge(int n, int seed)
    {
        var random = new Random(seed);
        double F(double[] x) => x.Sum(v => Math.Log(v) + Math.Sqrt(v));
        double[] G(double[] x) => x.Select(v => 1 / v + 0.5 / Math.Sqrt(v)).ToArray();
        var point = Enumerable.Range(0, n).Select(_ => (0.05 + random.NextDouble()) * 1e-4).ToArray();
        return new Problem($"log+sqrt within 1e-4 of 0 n={n}", F, G, point);
    }

    public static IEnumerable<Problem> Correct()
    {
        yield return Quadratic(6, 1);
        yield return Logistic(5, 12, 2);
        yield return SoftmaxCrossEntropy(3, 4, 6, 3);
        yield return SoftmaxCrossEntropy(3, 2, 4, 4, scale: 30);
        yield return TanhNetwork(3, 4, 5, 5);
        yield return Rosenbrock(5, 6);
        yield return LogSumExpLarge(5, 7);
        yield return HugeAndTiny(4, 8);
        yield return TinyGradient(5, 9);
        yield return LargeOffset(4, 10);
        yield return NearDomainEdge(4, 11);
    }

    public static double LogSumExp(double[] z)
    {
        double m = z.Max();
        return m + Math.Log(z.Sum(v => Math.Exp(v - m)));
    }

    public static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    public static double[] RandomVector(Random random, int n) => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();

    public static double[][] RandomMatrix(Random random, int rows, int columns) =>
        Enumerable.Range(0, rows).Select(_ => RandomVector(random, columns)).ToArray();

    public static double Dot(double[] a, double[] b) => a.Zip(b, (u, v) => u * v).Sum();

    public static double[] Multiply(double[][] a, double[] x) => a.Select(row => Dot(row, x)).ToArray();

    private static double Sq(double v) => v * v;
}
