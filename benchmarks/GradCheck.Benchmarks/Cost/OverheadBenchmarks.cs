using BenchmarkDotNet.Attributes;
using GradCheck.FiniteDifferences;

namespace GradCheck.Benchmarks.Cost;

/// <summary>
/// The checker against a bare loop making the same calls of f and of the gradient, for functions from about 1 µs
/// to about 1 ms per evaluation. Ratios GradCheck/Bare are the checker's overhead per evaluation.
/// </summary>
public class OverheadBenchmarks
{
    public const int Dimension = 8;

    private static readonly GradientCheckOptions SeedOptions = new() { Scheme = FiniteDifferenceScheme.Central(), Step = 1e-3 };

    private TunableFunction _function = null!;
    private int[] _centralDifferences = null!;
    private int[] _adaptiveDifferences = null!;
    private int _adaptiveExtra;

    /// <summary>Terms of the tunable function: 128 ≈ 1 µs, 131 072 ≈ 1 ms per evaluation (about 8 ns per term).</summary>
    [Params(128, 1024, 8192, 131072)]
    public int Work { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _function = new TunableFunction(Dimension, Work);
        _centralDifferences = Enumerable.Repeat(1, Dimension).ToArray();
        _adaptiveDifferences = AdaptiveDifferences(_function);
        _adaptiveExtra = AdaptiveFixedEvaluations(_function) - 2;
    }

    /// <summary>Evaluations the adaptive check makes once per check (at the point, and for measuring f's noise).</summary>
    public static int AdaptiveFixedEvaluations(TunableFunction function)
    {
        var report = GradientCheck.Run(function.Value, function.Gradient, function.Point);
        return report.FunctionEvaluations - report.Entries.Sum(e => e.Evaluations);
    }

    /// <summary>Central differences per coordinate that give a bare loop the adaptive check's evaluations (2 per difference).</summary>
    public static int[] AdaptiveDifferences(TunableFunction function) =>
        GradientCheck.Run(function.Value, function.Gradient, function.Point).Entries.Select(e => (e.Evaluations + 1) / 2).ToArray();

    [Benchmark(Baseline = true)]
    public double BareCentral() => BareCentralDifference.Check(_function.Value, _function.Gradient, _function.Point, 1e-3, _centralDifferences);

    [Benchmark]
    public GradientReport GradCheckCentral() => GradientCheck.Run(_function.Value, _function.Gradient, _function.Point, SeedOptions);

    [Benchmark]
    public double BareAdaptiveEvaluations() => BareCentralDifference.Check(_function.Value, _function.Gradient, _function.Point, 0.125, _adaptiveDifferences, _adaptiveExtra);

    [Benchmark]
    public GradientReport GradCheckAdaptive() => GradientCheck.Run(_function.Value, _function.Gradient, _function.Point);
}
