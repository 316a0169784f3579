using GradCheck.Tests.Support;

namespace GradCheck.Tests.Verdicts;

/// <summary>The error budget measures f's rounding noise instead of assuming it.</summary>
public class NoiseTests
{
    /// <summary>
    /// Deterministic noise of size ~amplitude that changes at every ulp of the input (a hash of its bits): what an
    /// iterative solver stopped at a tolerance looks like to finite differences.
    /// </summary>
    private static double Jitter(double[] x, double amplitude)
    {
        ulong hash = 1469598103934665603;
        foreach (double v in x) hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 1099511628211;
        hash ^= hash >> 29;
        return amplitude * ((hash % 1_000_003) / 1_000_003.0 - 0.5);
    }

    [Fact]
    public void Noisy_but_deterministic_function_raises_no_false_alarm_and_its_noise_is_reported()
    {
        var problem = TestProblems.TanhNetwork(3, 3, 5, 61);
        double F(double[] x) => problem.F(x) + Jitter(x, 1e-9);

        var report = GradientCheck.Run(F, problem.Gradient, problem.Point);

        Assert.True(report.Passed, report.ToString());
        Assert.InRange(report.FunctionNoise, 1e-10, 1e-8);
    }

    [Fact]
    public void Noise_does_not_hide_a_bug_larger_than_the_noise_allows()
    {
        var problem = TestProblems.TanhNetwork(3, 3, 5, 61);
        double F(double[] x) => problem.F(x) + Jitter(x, 1e-9);
        var report = GradientCheck.Run(F, x => { var g = problem.Gradient(x); g[4] *= 1.01; return g; }, problem.Point);
        Assert.Equal([4], report.Failures.Select(f => f.Index));
    }

    [Fact]
    public void Float_loss_over_a_large_batch_raises_no_false_alarm()
    {
        // A float32 softmax cross-entropy summed over 5,000 samples is noisy far beyond a few ulps.
        var problem = FloatProblems.SoftmaxCrossEntropy(5, 10, 5000, 71);
        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point, new GradientCheckOptions { SampleSize = 25, Seed = 1 });
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.FunctionNoise > 0);
    }

    [Fact]
    public void Fixed_schemes_do_not_probe_the_noise()
    {
        var problem = TestProblems.Quadratic(3, 1);
        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point,
            new GradientCheckOptions { Scheme = GradCheck.FiniteDifferences.FiniteDifferenceScheme.Central(), Step = 1e-4, DeterminismEvaluations = 0 });
        Assert.Equal(0, report.FunctionNoise);
        Assert.Equal(2 * 3 + 2, report.FunctionEvaluations);   // no repeats requested: a probe would show as extra evaluations
    }
}
