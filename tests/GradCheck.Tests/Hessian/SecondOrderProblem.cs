using System.Numerics;

namespace GradCheck.Tests.Hessian;

/// <summary>
/// A smooth f with its gradient and Hessian derived by hand, both computed in T (as code under test would be).
/// <see cref="Planted"/> puts a bug into the Hessian the products are formed from; <see cref="ExactHv"/> is the
/// correct product in double, for assertions.
/// </summary>
public sealed class SecondOrderProblem<T> where T : IFloatingPointIeee754<T>
{
    private readonly Func<T[], T[,]> _hessian;
    private readonly Func<T[,], T[,]> _bug;
    private readonly T[] _point;

    internal SecondOrderProblem(string name, Func<T[], T[]> gradient, Func<T[], T[,]> hessian, T[] point, Func<T[,], T[,]>? bug = null)
    {
        Name = name;
        Gradient = gradient;
        _hessian = hessian;
        _point = point;
        _bug = bug ?? (h => h);
    }

    public string Name { get; }

    public Func<T[], T[]> Gradient { get; }

    public T[] Point => (T[])_point.Clone();

    public int N => _point.Length;

    /// <summary>H·v from the (possibly planted) Hessian, in T.</summary>
    public T[] Hv(T[] x, T[] v)
    {
        var h = _bug(_hessian(x));
        var result = new T[N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) result[i] += h[i, j] * v[j];
        return result;
    }

    /// <summary>The correct H·v at the point in double, for a direction given in double.</summary>
    public double[] ExactHv(double[] v)
    {
        var h = _hessian(Point);
        return Enumerable.Range(0, N).Select(i => Enumerable.Range(0, N).Sum(j => double.CreateChecked(h[i, j]) * v[j])).ToArray();
    }

    public double ExactEntry(int i, int j) => double.CreateChecked(_hessian(Point)[i, j]);

    /// <summary>The off-diagonal entry with the largest |H_ij|: a bug there shows in component i only.</summary>
    public (int Row, int Column) LargestOffDiagonal()
    {
        var best = (0, 1);
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                if (i != j && Math.Abs(ExactEntry(i, j)) > Math.Abs(ExactEntry(best.Item1, best.Item2))) best = (i, j);
        return best;
    }

    public SecondOrderProblem<T> Planted(Func<T[,], T[,]> bug) => new(Name, Gradient, _hessian, _point, bug);

    /// <summary>The same Hessian with another gradient (one that counts, throws or jitters).</summary>
    public SecondOrderProblem<T> WithGradient(Func<T[], T[]> gradient) => new(Name, gradient, _hessian, _point, _bug);

    public override string ToString() => $"{Name} ({typeof(T).Name})";
}

/// <summary>The functions the Hessian tests check.</summary>
public static class SecondOrderProblems
{
    /// <summary>f = ½xᵀAx + bᵀx with A = MᵀM + I: ∇f = Ax + b, H = A.</summary>
    public static SecondOrderProblem<T> QuadraticForm<T>(int n, int seed) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var m = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        var a = new T[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) a[i, j] = T.CreateChecked(Enumerable.Range(0, n).Sum(k => m[k][i] * m[k][j]) + (i == j ? 1 : 0));
        var b = Enumerable.Range(0, n).Select(_ => T.CreateChecked(random.NextDouble() - 0.5)).ToArray();
        T[] Gradient(T[] x)
        {
            var g = (T[])b.Clone();
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) g[i] += a[i, j] * x[j];
            return g;
        }
        return new SecondOrderProblem<T>($"quadratic form {n}", Gradient, _ => a, RandomPoint<T>(n, random));
    }

    /// <summary>f = Σₖ log cosh(cₖ·x): ∇f = Σₖ tanh(zₖ)·cₖ, H = Σₖ (1 − tanh²zₖ)·cₖcₖᵀ.</summary>
    public static SecondOrderProblem<T> LogCosh<T>(int n, int terms, int seed) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var c = Enumerable.Range(0, terms).Select(_ => Enumerable.Range(0, n).Select(_ => T.CreateChecked(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
        T[] Tanhs(T[] x) => c.Select(ck => T.Tanh(ck.Zip(x, (p, q) => p * q).Aggregate(T.Zero, (s, t) => s + t))).ToArray();
        T[] Gradient(T[] x)
        {
            var t = Tanhs(x);
            var g = new T[n];
            for (int k = 0; k < terms; k++)
                for (int i = 0; i < n; i++) g[i] += t[k] * c[k][i];
            return g;
        }
        T[,] Hessian(T[] x)
        {
            var t = Tanhs(x);
            var h = new T[n, n];
            for (int k = 0; k < terms; k++)
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++) h[i, j] += (T.One - t[k] * t[k]) * c[k][i] * c[k][j];
            return h;
        }
        return new SecondOrderProblem<T>($"log-cosh {n}×{terms}", Gradient, Hessian, RandomPoint<T>(n, random));
    }

    private static T[] RandomPoint<T>(int n, Random random) where T : IFloatingPointIeee754<T> =>
        Enumerable.Range(0, n).Select(_ => T.CreateChecked(random.NextDouble() * 2 - 1)).ToArray();

    /// <summary>H_ij off by <paramref name="relative"/> (not H_ji: a hand-written product can break symmetry).</summary>
    public static Func<T[,], T[,]> Scaled<T>(int i, int j, double relative) where T : IFloatingPointIeee754<T> => h =>
    {
        var copy = (T[,])h.Clone();
        copy[i, j] *= T.CreateChecked(1 + relative);
        return copy;
    };

    /// <summary>H_ij with the wrong sign.</summary>
    public static Func<T[,], T[,]> SignFlipped<T>(int i, int j) where T : IFloatingPointIeee754<T> => h =>
    {
        var copy = (T[,])h.Clone();
        copy[i, j] = -copy[i, j];
        return copy;
    };
}
