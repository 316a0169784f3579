using System.Numerics;

namespace GradCheck.Tests.Exact;

/// <summary>A function written once in generic math, with its hand-derived gradient, also generic.</summary>
public abstract class GenericProblem : IScalarFunction
{
    public abstract string Name { get; }

    public abstract double[] Point { get; }

    public abstract T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;

    /// <summary>The exact gradient by the chain rule, derived by hand (never by the code under test).</summary>
    public abstract T[] Gradient<T>(T[] x) where T : IFloatingPointIeee754<T>;

    public double F(double[] x) => Evaluate<double>(x);

    public override string ToString() => Name;

    protected static T C<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateChecked(value);

    protected static double[] RandomVector(Random random, int n, double scale = 1) =>
        Enumerable.Range(0, n).Select(_ => scale * (random.NextDouble() * 2 - 1)).ToArray();
}

/// <summary>Mean logistic loss of a linear model: softplus(w·a) − y·(w·a).</summary>
public sealed class GenericLogistic : GenericProblem
{
    private readonly double[][] _a;
    private readonly double[] _y;

    public GenericLogistic(int n, int batch, int seed)
    {
        var random = new Random(seed);
        _a = Enumerable.Range(0, batch).Select(_ => RandomVector(random, n)).ToArray();
        _y = Enumerable.Range(0, batch).Select(_ => (double)random.Next(2)).ToArray();
        Point = RandomVector(random, n);
    }

    public override string Name => $"logistic n={Point.Length}";

    public override double[] Point { get; }

    public override T Evaluate<T>(ReadOnlySpan<T> w)
    {
        T sum = T.Zero;
        for (int i = 0; i < _a.Length; i++)
        {
            T z = Dot(w, _a[i]);
            // softplus(z) = max(z, 0) + log(1 + exp(−|z|)): stable, smooth (the max and abs kinks cancel)
            sum += T.Max(z, T.Zero) + T.Log(T.One + T.Exp(-T.Abs(z))) - C<T>(_y[i]) * z;
        }
        return sum / C<T>(_a.Length);
    }

    public override T[] Gradient<T>(T[] w)
    {
        var g = new T[w.Length];
        for (int i = 0; i < _a.Length; i++)
        {
            T z = Dot<T>(w, _a[i]);
            T s = T.One / (T.One + T.Exp(-z));
            for (int j = 0; j < w.Length; j++) g[j] += (s - C<T>(_y[i])) * C<T>(_a[i][j]) / C<T>(_a.Length);
        }
        return g;
    }

    /// <summary>H·v = mean σ(1−σ)·(a·v)·a, by hand.</summary>
    public double[] HessianVector(double[] w, double[] v)
    {
        var hv = new double[w.Length];
        foreach (var a in _a)
        {
            double s = 1 / (1 + Math.Exp(-Dot<double>(w, a)));
            double c = s * (1 - s) * Dot<double>(v, a) / _a.Length;
            for (int j = 0; j < w.Length; j++) hv[j] += c * a[j];
        }
        return hv;
    }

    private static T Dot<T>(ReadOnlySpan<T> w, double[] a) where T : IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        for (int j = 0; j < w.Length; j++) s += w[j] * C<T>(a[j]);
        return s;
    }
}

/// <summary>A one-hidden-layer tanh network with squared error, all weights in one vector.</summary>
public sealed class GenericTanhNetwork : GenericProblem
{
    private readonly int _inputs, _hidden;
    private readonly double[][] _data;
    private readonly double[] _targets;

    public GenericTanhNetwork(int inputs, int hidden, int batch, int seed)
    {
        var random = new Random(seed);
        (_inputs, _hidden) = (inputs, hidden);
        _data = Enumerable.Range(0, batch).Select(_ => RandomVector(random, inputs)).ToArray();
        _targets = RandomVector(random, batch);
        Point = RandomVector(random, hidden * inputs + hidden + hidden);
    }

    public override string Name => $"tanh network {_inputs}-{_hidden}";

    public override double[] Point { get; }

    // Layout: W (hidden×inputs), b (hidden), v (hidden). Output o = v·tanh(W a + b); loss ½ mean (o − t)².
    public override T Evaluate<T>(ReadOnlySpan<T> p)
    {
        T loss = T.Zero;
        for (int s = 0; s < _data.Length; s++)
        {
            T o = T.Zero;
            for (int h = 0; h < _hidden; h++) o += p[V(h)] * T.Tanh(Pre(p, s, h));
            T e = o - C<T>(_targets[s]);
            loss += C<T>(0.5) * e * e;
        }
        return loss / C<T>(_data.Length);
    }

    public override T[] Gradient<T>(T[] p)
    {
        var g = new T[p.Length];
        T n = C<T>(_data.Length);
        for (int s = 0; s < _data.Length; s++)
        {
            var hiddenOut = new T[_hidden];
            T o = T.Zero;
            for (int h = 0; h < _hidden; h++)
            {
                hiddenOut[h] = T.Tanh(Pre<T>(p, s, h));
                o += p[V(h)] * hiddenOut[h];
            }
            T e = (o - C<T>(_targets[s])) / n;
            for (int h = 0; h < _hidden; h++)
            {
                g[V(h)] += e * hiddenOut[h];
                T back = e * p[V(h)] * (T.One - hiddenOut[h] * hiddenOut[h]);
                g[B(h)] += back;
                for (int i = 0; i < _inputs; i++) g[h * _inputs + i] += back * C<T>(_data[s][i]);
            }
        }
        return g;
    }

    private T Pre<T>(ReadOnlySpan<T> p, int s, int h) where T : IFloatingPointIeee754<T>
    {
        T z = p[B(h)];
        for (int i = 0; i < _inputs; i++) z += p[h * _inputs + i] * C<T>(_data[s][i]);
        return z;
    }

    private int B(int h) => _hidden * _inputs + h;

    private int V(int h) => _hidden * _inputs + _hidden + h;
}

/// <summary>Rosenbrock's function: Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)².</summary>
public sealed class GenericRosenbrock(int n, int seed) : GenericProblem
{
    public override string Name => $"rosenbrock n={n}";

    public override double[] Point { get; } = RandomVector(new Random(seed), n, 1.5);

    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T s = T.Zero;
        for (int i = 0; i < x.Length - 1; i++)
        {
            T a = x[i + 1] - x[i] * x[i], b = T.One - x[i];
            s += C<T>(100) * a * a + b * b;
        }
        return s;
    }

    public override T[] Gradient<T>(T[] x)
    {
        var g = new T[x.Length];
        for (int i = 0; i < x.Length - 1; i++)
        {
            T a = x[i + 1] - x[i] * x[i];
            g[i] += C<T>(-400) * x[i] * a - C<T>(2) * (T.One - x[i]);
            g[i + 1] += C<T>(200) * a;
        }
        return g;
    }

    /// <summary>H·v by hand: ∂²/∂xᵢ² = 1200xᵢ² − 400xᵢ₊₁ + 2, ∂²/∂xᵢ∂xᵢ₊₁ = −400xᵢ, ∂²/∂xᵢ₊₁² += 200 for each term i.</summary>
    public static double[] HessianVector(double[] x, double[] v)
    {
        var hv = new double[x.Length];
        for (int i = 0; i < x.Length - 1; i++)
        {
            double dii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2, dij = -400 * x[i];
            hv[i] += dii * v[i] + dij * v[i + 1];
            hv[i + 1] += dij * v[i] + 200 * v[i + 1];
        }
        return hv;
    }
}

/// <summary>f = 1e10 + 1e-6·Σ sin(xᵢ)·exp(xᵢ₊₁): derivatives around 1e-6 under an offset of 1e10.</summary>
public sealed class GenericTinyUnderOffset(int n, int seed) : GenericProblem
{
    public override string Name => $"1e10 + tiny n={n}";

    public override double[] Point { get; } = RandomVector(new Random(seed), n);

    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T s = C<T>(1e10);
        for (int i = 0; i < x.Length; i++) s += C<T>(1e-6) * T.Sin(x[i]) * T.Exp(x[(i + 1) % x.Length]);
        return s;
    }

    public override T[] Gradient<T>(T[] x)
    {
        int n = x.Length;
        var g = new T[n];
        for (int i = 0; i < n; i++)
        {
            g[i] += C<T>(1e-6) * T.Cos(x[i]) * T.Exp(x[(i + 1) % n]);
            g[(i + 1) % n] += C<T>(1e-6) * T.Sin(x[i]) * T.Exp(x[(i + 1) % n]);
        }
        return g;
    }
}
