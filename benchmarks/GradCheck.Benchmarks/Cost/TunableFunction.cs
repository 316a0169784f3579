namespace GradCheck.Benchmarks.Cost;

/// <summary>
/// f(x) = Σⱼ sin(cⱼ·x[j mod n]) with <c>work</c> terms, and its exact gradient (same cost): a function whose cost per
/// evaluation is set by <c>work</c> (about 8 ns per term), for measuring the checker's overhead per evaluation.
/// </summary>
public sealed class TunableFunction
{
    private readonly double[] _c;
    private readonly int _n;

    public TunableFunction(int dimension, int work)
    {
        _n = dimension;
        _c = Enumerable.Range(0, work).Select(j => 1 + j * 1e-4).ToArray();
        Point = Enumerable.Range(0, dimension).Select(i => 0.3 + 0.1 * i).ToArray();
    }

    public double[] Point { get; }

    public int Dimension => _n;

    public double Value(double[] x)
    {
        double s = 0;
        for (int j = 0; j < _c.Length; j++) s += Math.Sin(_c[j] * x[j % _n]);
        return s;
    }

    public double[] Gradient(double[] x)
    {
        var g = new double[_n];
        for (int j = 0; j < _c.Length; j++) g[j % _n] += _c[j] * Math.Cos(_c[j] * x[j % _n]);
        return g;
    }
}
