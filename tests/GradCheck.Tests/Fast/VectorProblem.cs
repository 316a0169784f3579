namespace GradCheck.Tests.Fast;

/// <summary>
/// f: Rⁿ → Rᵐ, yᵢ = Σⱼ Aᵢⱼ·sin(xⱼ) + ½·cᵢ·(Σ x)²/n, with the exact Jacobian Jᵢⱼ = Aᵢⱼ·cos(xⱼ) + cᵢ·(Σ x)/n and
/// exact products vᵀJ and Ju. Bugs are planted into exact entries.
/// </summary>
public sealed class VectorProblem
{
    private readonly double[,] _a;
    private readonly double[] _c;

    public VectorProblem(int outputs, int inputs, int seed)
    {
        var random = new Random(seed);
        _a = new double[outputs, inputs];
        for (int i = 0; i < outputs; i++)
            for (int j = 0; j < inputs; j++) _a[i, j] = 2 * random.NextDouble() - 1;
        _c = Enumerable.Range(0, outputs).Select(_ => random.NextDouble()).ToArray();
        Point = Enumerable.Range(0, inputs).Select(_ => 2 * random.NextDouble() - 1).ToArray();
    }

    public int M => _c.Length;

    public int N => Point.Length;

    public double[] Point { get; }

    /// <summary>(output, input, relative error) planted into the analytic Jacobian; empty: exact.</summary>
    public (int Output, int Input, double Relative)[] Bugs { get; init; } = [];

    public double[] F(double[] x)
    {
        double sum = x.Sum();
        var y = new double[M];
        for (int i = 0; i < M; i++)
        {
            double yi = 0.5 * _c[i] * sum * sum / N;
            for (int j = 0; j < N; j++) yi += _a[i, j] * Math.Sin(x[j]);
            y[i] = yi;
        }
        return y;
    }

    public double[,] Jacobian(double[] x)
    {
        double mean = x.Sum() / N;
        var jacobian = new double[M, N];
        for (int i = 0; i < M; i++)
            for (int j = 0; j < N; j++) jacobian[i, j] = _a[i, j] * Math.Cos(x[j]) + _c[i] * mean;
        foreach (var (i, j, relative) in Bugs) jacobian[i, j] *= 1 + relative;
        return jacobian;
    }

    public double[] Vjp(double[] x, double[] v)
    {
        var jacobian = Jacobian(x);
        return Enumerable.Range(0, N).Select(j => Enumerable.Range(0, M).Sum(i => v[i] * jacobian[i, j])).ToArray();
    }

    public double[] Jvp(double[] x, double[] u)
    {
        var jacobian = Jacobian(x);
        return Enumerable.Range(0, M).Select(i => Enumerable.Range(0, N).Sum(j => jacobian[i, j] * u[j])).ToArray();
    }

    public double Exact(int output, int input) => With([]).Jacobian(Point)[output, input];

    private VectorProblem(VectorProblem other)
    {
        _a = other._a;
        _c = other._c;
        Point = other.Point;
        Bugs = other.Bugs;
    }

    public VectorProblem With((int Output, int Input, double Relative)[] bugs) => new(this) { Bugs = bugs };
}
