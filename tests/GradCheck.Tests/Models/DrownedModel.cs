namespace GradCheck.Tests.Models;

/// <summary>
/// Two tensors: "drowned" [2] whose loss terms 1e-9·a₀ + 1e-9·a₁² sit under a 1e10 constant (no finite difference
/// can resolve them, so its entries are Inconclusive), and "plain" [2] with loss (b₀ − 0.3)² + b₀·b₁, whose
/// derivatives of order one are resolved despite the constant. Backward is exact; <see cref="PlainFactor"/>
/// scales the plain tensor's gradient to plant a bug.
/// </summary>
internal sealed class DrownedModel : IDifferentiableModel<double>
{
    private readonly double[] _a = [0.3, 0.7], _b = [0.9, -0.4];
    private readonly double[] _ga = new double[2], _gb = new double[2];

    public DrownedModel(double plainFactor = 1) =>
        (PlainFactor, Parameters) = (plainFactor, [new("drowned", _a, _ga, [2]), new("plain", _b, _gb, [2])]);

    public double PlainFactor { get; }

    public IReadOnlyList<Parameter<double>> Parameters { get; }

    public double Loss() => 1e10 + 1e-9 * _a[0] + 1e-9 * _a[1] * _a[1] + (_b[0] - 0.3) * (_b[0] - 0.3) + _b[0] * _b[1];

    public void Backward()
    {
        _ga[0] = 1e-9;
        _ga[1] = 2e-9 * _a[1];
        _gb[0] = PlainFactor * (2 * (_b[0] - 0.3) + _b[1]);
        _gb[1] = PlainFactor * _b[0];
    }
}
