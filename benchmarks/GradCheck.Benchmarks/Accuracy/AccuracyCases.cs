namespace GradCheck.Benchmarks.Accuracy;

/// <summary>A scalar function of one variable with its exact derivative, in double and (optionally) float.</summary>
public sealed record AccuracyCase(string Group, string Name, double X, Func<double, double> F, Func<double, double> Derivative, Func<float, float>? FloatF = null)
{
    public static IReadOnlyList<AccuracyCase> All { get; } =
    [
        new("smooth", "exp(x)", 1, Math.Exp, Math.Exp, MathF.Exp),
        new("smooth", "sin(x)", 0.5, Math.Sin, Math.Cos, MathF.Sin),
        new("smooth", "softplus(x)", 2, x => Math.Log(1 + Math.Exp(x)), x => 1 / (1 + Math.Exp(-x)), x => MathF.Log(1 + MathF.Exp(x))),
        new("smooth", "1/(1+x²)", 0.7, x => 1 / (1 + x * x), x => -2 * x / ((1 + x * x) * (1 + x * x)), x => 1 / (1 + x * x)),
        new("badly scaled", "sin(1000x)", 3e-4, x => Math.Sin(1000 * x), x => 1000 * Math.Cos(1000 * x), x => MathF.Sin(1000 * x)),
        new("badly scaled", "exp(50x)", 0.1, x => Math.Exp(50 * x), x => 50 * Math.Exp(50 * x), x => MathF.Exp(50 * x)),
        new("badly scaled", "exp(x/1000) at x=1500", 1500, x => Math.Exp(x / 1000), x => Math.Exp(x / 1000) / 1000, x => MathF.Exp(x / 1000)),
        new("badly scaled", "x³ at x=1e6", 1e6, x => x * x * x, x => 3 * x * x),
        new("domain edge", "log(x) at 1e-4", 1e-4, Math.Log, x => 1 / x, MathF.Log),
        new("domain edge", "sqrt(x) at 1e-6", 1e-6, Math.Sqrt, x => 0.5 / Math.Sqrt(x), MathF.Sqrt),
        new("domain edge", "x·log(x) at 1e-5", 1e-5, x => x * Math.Log(x), x => Math.Log(x) + 1, x => x * MathF.Log(x)),
        new("domain edge", "log(1−x) at 0.9999", 0.9999, x => Math.Log(1 - x), x => -1 / (1 - x)),
        new("large offset", "1e10 + sin(x)", 0.5, x => 1e10 + Math.Sin(x), Math.Cos),
        new("large offset", "1e3 + sin(x)", 0.5, x => 1e3 + Math.Sin(x), Math.Cos, x => 1e3f + MathF.Sin(x)),
        new("tiny gradient", "1e-8·sin(x)", 0.5, x => 1e-8 * Math.Sin(x), x => 1e-8 * Math.Cos(x), x => 1e-8f * MathF.Sin(x)),
        new("tiny gradient", "1 + 1e-8·exp(x)", 0.5, x => 1 + 1e-8 * Math.Exp(x), x => 1e-8 * Math.Exp(x)),
        new("tiny gradient", "1 + 1e-4·exp(x) (float-sized)", 0.5, x => 1 + 1e-4 * Math.Exp(x), x => 1e-4 * Math.Exp(x), x => 1 + 1e-4f * MathF.Exp(x)),
    ];
}
