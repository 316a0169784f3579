using System.Numerics;

namespace GradCheck.Tests.Jacobian;

/// <summary>
/// A smooth map f: Rⁿ → Rᵐ computed in T, with its Jacobian derived by hand and computed in T too, as code under test
/// would compute it. Products (vᵀJ, Ju) are formed from that Jacobian. <see cref="Planted"/> returns the same map whose
/// analytic side carries a bug; <see cref="Exact"/> is the hand-derived entry in double, for assertions.
/// </summary>
public sealed class SmoothMap<T> where T : IFloatingPointIeee754<T>
{
    private readonly Func<T[], T[,]> _exactJacobian;
    private readonly Func<T[,], T[,]> _bug = j => j;
    private readonly T[] _point;

    internal SmoothMap(string name, Func<T[], T[]> f, Func<T[], T[,]> jacobian, T[] point)
    {
        Name = name;
        F = f;
        _exactJacobian = jacobian;
        _point = point;
    }

    private SmoothMap(SmoothMap<T> map, Func<T[,], T[,]> bug) : this(map.Name, map.F, map._exactJacobian, map.Point) => _bug = bug;

    public string Name { get; }

    public Func<T[], T[]> F { get; }

    /// <summary>A fresh copy of the point each time: tests compare the caller's array afterwards.</summary>
    public T[] Point => (T[])_point.Clone();

    public int Outputs => F(Point).Length;

    public int Inputs => Point.Length;

    public T[,] Jacobian(T[] x) => _bug(_exactJacobian(x));

    public T[] Vjp(T[] x, T[] v)
    {
        var j = Jacobian(x);
        var result = new T[j.GetLength(1)];
        for (int c = 0; c < result.Length; c++)
            for (int r = 0; r < j.GetLength(0); r++) result[c] += v[r] * j[r, c];
        return result;
    }

    public T[] Jvp(T[] x, T[] u)
    {
        var j = Jacobian(x);
        var result = new T[j.GetLength(0)];
        for (int r = 0; r < result.Length; r++)
            for (int c = 0; c < j.GetLength(1); c++) result[r] += j[r, c] * u[c];
        return result;
    }

    /// <summary>The hand-derived entry ∂y[i]/∂x[j] at the point, without the planted bug, in double.</summary>
    public double Exact(int i, int j) => double.CreateChecked(_exactJacobian(Point)[i, j]);

    /// <summary>The entry with the largest |∂y[i]/∂x[j]| at the point: where a planted relative error is surely resolvable.</summary>
    public (int Output, int Input) LargestEntry()
    {
        var j = _exactJacobian(Point);
        var best = (0, 0);
        for (int r = 0; r < j.GetLength(0); r++)
            for (int c = 0; c < j.GetLength(1); c++)
                if (T.Abs(j[r, c]) > T.Abs(j[best.Item1, best.Item2])) best = (r, c);
        return best;
    }

    public SmoothMap<T> Planted(Func<T[,], T[,]> bug) => new(this, bug);

    /// <summary>The same analytic side with another function (one that counts, throws or writes into its input).</summary>
    public SmoothMap<T> WithFunction(Func<T[], T[]> f) => new(Name, f, x => _bug(_exactJacobian(x)), _point);

    public override string ToString() => $"{Name} ({typeof(T).Name})";
}

/// <summary>The maps the Jacobian tests check, each with its hand-derived Jacobian.</summary>
public static class SmoothMaps
{
    /// <summary>y = softmax(x) (shifted by max x): J_ij = y_i(δ_ij − y_j).</summary>
    public static SmoothMap<T> Softmax<T>(int n, int seed)
        where T : IFloatingPointIeee754<T>
    {
        T[] F(T[] x)
        {
            T max = x.Max()!;
            var e = x.Select(v => T.Exp(v - max)).ToArray();
            T sum = e.Aggregate(T.Zero, (a, b) => a + b);
            return e.Select(v => v / sum).ToArray();
        }
        T[,] J(T[] x)
        {
            var y = F(x);
            var j = new T[n, n];
            for (int r = 0; r < n; r++)
                for (int c = 0; c < n; c++) j[r, c] = y[r] * ((r == c ? T.One : T.Zero) - y[c]);
            return j;
        }
        return new SmoothMap<T>($"softmax {n}", F, J, RandomPoint<T>(n, seed, 2.0));
    }

    /// <summary>y = tanh(Wx + b), W m × n: J_ij = (1 − y_i²)·W_ij.</summary>
    public static SmoothMap<T> TanhLayer<T>(int outputs, int inputs, int seed)
        where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed + 1_000);
        var w = new T[outputs, inputs];
        for (int r = 0; r < outputs; r++)
            for (int c = 0; c < inputs; c++) w[r, c] = T.CreateChecked(random.NextDouble() * 2 - 1);
        var b = Enumerable.Range(0, outputs).Select(_ => T.CreateChecked(random.NextDouble() - 0.5)).ToArray();
        T[] F(T[] x)
        {
            var y = new T[outputs];
            for (int r = 0; r < outputs; r++)
            {
                T z = b[r];
                for (int c = 0; c < inputs; c++) z += w[r, c] * x[c];
                y[r] = T.Tanh(z);
            }
            return y;
        }
        T[,] J(T[] x)
        {
            var y = F(x);
            var j = new T[outputs, inputs];
            for (int r = 0; r < outputs; r++)
                for (int c = 0; c < inputs; c++) j[r, c] = (T.One - y[r] * y[r]) * w[r, c];
            return j;
        }
        return new SmoothMap<T>($"tanh layer {outputs}×{inputs}", F, J, RandomPoint<T>(inputs, seed, 1.0));
    }

    /// <summary>y_i = x_i·sin x_i + exp(x_i/2): a diagonal Jacobian, sin x + x cos x + ½exp(x/2).</summary>
    public static SmoothMap<T> Elementwise<T>(int n, int seed)
        where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateChecked(0.5);
        T[] F(T[] x) => x.Select(v => v * T.Sin(v) + T.Exp(v * half)).ToArray();
        T[,] J(T[] x)
        {
            var j = new T[n, n];
            for (int i = 0; i < n; i++) j[i, i] = T.Sin(x[i]) + x[i] * T.Cos(x[i]) + half * T.Exp(x[i] * half);
            return j;
        }
        return new SmoothMap<T>($"elementwise {n}", F, J, RandomPoint<T>(n, seed, 1.5));
    }

    private static T[] RandomPoint<T>(int n, int seed, double scale) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => T.CreateChecked(scale * (random.NextDouble() * 2 - 1))).ToArray();
    }
}

/// <summary>Bugs a hand-written Jacobian has, applied to a copy of the correct one.</summary>
public static class JacobianBugs
{
    /// <summary>Entry (i, j) off by <paramref name="relative"/> (0.05: 5 %).</summary>
    public static Func<T[,], T[,]> Scaled<T>(int i, int j, double relative) where T : IFloatingPointIeee754<T> => m =>
    {
        var copy = (T[,])m.Clone();
        copy[i, j] *= T.CreateChecked(1 + relative);
        return copy;
    };

    /// <summary>Entry (i, j) with the wrong sign.</summary>
    public static Func<T[,], T[,]> SignFlipped<T>(int i, int j) where T : IFloatingPointIeee754<T> => m =>
    {
        var copy = (T[,])m.Clone();
        copy[i, j] = -copy[i, j];
        return copy;
    };

    /// <summary>Jᵀ for J (a square Jacobian): the classic index slip of a hand-written backward.</summary>
    public static Func<T[,], T[,]> Transposed<T>() where T : IFloatingPointIeee754<T> => m =>
    {
        var t = new T[m.GetLength(1), m.GetLength(0)];
        for (int r = 0; r < m.GetLength(0); r++)
            for (int c = 0; c < m.GetLength(1); c++) t[c, r] = m[r, c];
        return t;
    };
}
