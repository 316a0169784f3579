using GradCheck.Fast;

namespace GradCheck.Tests.Fast;

/// <summary>
/// Seeded statistical tests of the detection power derived in docs/fast-mode.md: with ±1 directions a single entry
/// wrong by δ moves g·d by exactly |δ|, so |δ| &gt; 2·(largest directional tolerance) fails every direction (for any
/// number of directions); errors that can cancel each other are what the number of directions k is for (miss 2⁻ᵏ).
/// </summary>
public class DetectionPowerTests
{
    [Fact]
    public void ASingleEntryWrongByMoreThanTwiceTheToleranceFailsEveryDirectionForEverySeed()
    {
        var problem = new SeparableCoupled(1_000, seed: 51);
        int seeds = 100, caughtByAll = 0;
        for (int seed = 0; seed < seeds; seed++)
        {
            var options = new GradientCheckOptions { Mode = CheckMode.Fast, Seed = seed };
            var correct = Run(problem, problem.Gradient, options);
            Assert.True(correct.Report.Passed, $"seed {seed}: false alarm on the exact gradient");
            double threshold = correct.Outcome.GuaranteedDetection;

            int wrong = new Random(seed + 7_000).Next(problem.N);
            double sign = seed % 2 == 0 ? 1 : -1;
            double[] Buggy(double[] x)
            {
                var g = problem.Gradient(x);
                g[wrong] += sign * 1.01 * threshold;
                return g;
            }
            var buggy = Run(problem, Buggy, options);
            if (buggy.Outcome.Detections.All(d => d.Failed) && !buggy.Report.Passed) caughtByAll++;
        }
        Assert.Equal(seeds, caughtByAll);
    }

    [Fact]
    public void TheDetectionThresholdIsTinyInDoubleAndGrowsWithTheDimension()
    {
        // The derivation: τ(n) ≈ 10·truncation + 2·rounding + 16ε‖g‖₁ + 4ε·n·‖g‖∞, so the threshold grows about
        // linearly in n. Measured here against relative errors of the exact gradient (|g| ≈ 0.3 to 2).
        double Threshold(int n) => Run(new SeparableCoupled(n, seed: 52), null, new GradientCheckOptions { Mode = CheckMode.Fast }).Outcome.GuaranteedDetection;
        double small = Threshold(100), large = Threshold(10_000);
        Assert.InRange(small, 1e-14, 1e-10);
        Assert.InRange(large, 1e-12, 1e-8);   // a 1e-6 relative error is caught at n = 10,000 with room to spare
        Assert.True(large > 10 * small, $"threshold {small:G3} at n = 100, {large:G3} at n = 10,000");
    }

    [Theory]
    [InlineData(1, 0.35, 0.65)]   // 1 − 2⁻¹ = 50%
    [InlineData(7, 0.97, 1.00)]   // 1 − 2⁻⁷ = 99.2%
    public void TwoCancellingErrorsAreCaughtWithProbabilityOneMinusTwoToTheMinusK(int directions, double low, double high)
    {
        var problem = new SeparableCoupled(256, seed: 53);
        int seeds = 200, detected = 0;
        for (int seed = 0; seed < seeds; seed++)
        {
            var random = new Random(seed + 9_000);
            int j = random.Next(128), l = 128 + random.Next(128);
            double[] Buggy(double[] x)
            {
                var g = problem.Gradient(x);
                g[j] += 0.01;   // δ on one entry, −δ on another: g·d is unchanged whenever d_j = d_l
                g[l] -= 0.01;
                return g;
            }
            var run = Run(problem, Buggy, new GradientCheckOptions { Mode = CheckMode.Fast, Seed = seed, FastDirections = directions });
            if (run.Outcome.Detections.Any(d => d.Failed)) detected++;
        }
        Assert.InRange(detected / (double)seeds, low, high);
    }

    private static (GradientReport Report, FastOutcome Outcome) Run(SeparableCoupled problem, Func<double[], double[]>? gradient, GradientCheckOptions options)
    {
        var report = FastChecker<double>.RunDetailed(problem.F, gradient ?? problem.Gradient, (double[])problem.Point.Clone(), options, GradCheck.Internal.GradientRerun.None, CancellationToken.None, out var outcome, out _);
        return (report!, outcome);
    }
}
