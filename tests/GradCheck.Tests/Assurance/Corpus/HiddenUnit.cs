namespace GradCheck.Tests.Assurance;

/// <summary>
/// One extra hidden unit u(x) = c·tanh(v·x + b) added to a base loss: the piece a dropout mask switches off. Its
/// gradient is part of the correct gradient of the smooth (no-dropout) loss.
/// </summary>
public sealed class HiddenUnit
{
    private readonly double[] _v;
    private readonly double _b, _c;

    public HiddenUnit(Random random, int n)
    {
        _v = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        _b = random.NextDouble() * 2 - 1;
        _c = 0.5 + random.NextDouble();
    }

    public double Value(double[] x) => _c * Math.Tanh(Preactivation(x));

    public double[] Gradient(double[] x)
    {
        double t = Math.Tanh(Preactivation(x));
        return _v.Select(v => _c * (1 - t * t) * v).ToArray();
    }

    private double Preactivation(double[] x) => _b + x.Select((value, j) => value * _v[j]).Sum();
}
