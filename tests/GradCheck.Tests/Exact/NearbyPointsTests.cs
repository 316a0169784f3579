using GradCheck.Tests.Support;

namespace GradCheck.Tests.Exact;

/// <summary>Checks away from zero: a bug multiplied by a weight that is still zero, caught at nearby points.</summary>
public class NearbyPointsTests
{
    // f(w) = Σ aᵢ·sin(wᵢ) + ½(Σ wᵢ)², ∇ᵢf = aᵢ·cos(wᵢ) + Σ w. The "bias" w₃ starts at exactly zero.
    private static readonly double[] A = [1.5, -0.7, 2.0, 0.4, 1.1];

    private static double F(double[] w) => w.Select((v, i) => A[i] * Math.Sin(v)).Sum() + 0.5 * w.Sum() * w.Sum();

    private static double[] Exact(double[] w) => w.Select((v, i) => A[i] * Math.Cos(v) + w.Sum()).ToArray();

    /// <summary>The bug: ∇₁f picks up 3·w₃, invisible while w₃ = 0.</summary>
    private static double[] Buggy(double[] w)
    {
        var g = Exact(w);
        g[1] += 3 * w[3];
        return g;
    }

    private static readonly double[] Point = [0.3, -0.8, 1.2, 0.0, 0.5];

    [Fact]
    public void A_bug_times_a_zero_weight_passes_at_the_point_and_fails_nearby()
    {
        var atPoint = GradientCheck.Run(F, Buggy, Point);
        var nearby = GradientCheck.RunNearby(F, Buggy, Point, nearbyPoints: 3);

        Assert.True(atPoint.Passed, atPoint.ToString());
        Assert.False(nearby.Passed, nearby.ToString());
        Assert.All(nearby.Failures, e => Assert.Equal(1, e.Index));
        Assert.All(nearby.Failures, e => Assert.Contains("@ nearby", e.Label));
        Assert.Equal(3, nearby.Failures.Count);
    }

    [Fact]
    public void The_correct_gradient_passes_everywhere_and_every_point_is_reported()
    {
        var report = GradientCheck.RunNearby(F, Exact, Point, nearbyPoints: 2);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(3 * Point.Length, report.Entries.Count);
        Assert.Equal(Point.Length, report.Entries.Count(e => !e.Label.Contains('@')));
        Assert.Contains("nearby points", report.Method);
    }

    [Fact]
    public void Nearby_points_move_zeros_to_the_typical_magnitude_and_others_in_proportion()
    {
        double[] point = [1000, 0, 0.001, -2];
        var points = NearbyPoints.Around(point, 200, seed: 5);

        double rms = Math.Sqrt((1000.0 * 1000 + 0.001 * 0.001 + 4) / 3);
        foreach (int i in new[] { 0, 2, 3 })
        {
            var moves = points.Select(p => (p[i] - point[i]) / Math.Abs(point[i])).ToArray();
            Assert.InRange(Math.Sqrt(moves.Average(m => m * m)), 0.08, 0.12);
        }
        var zeroMoves = points.Select(p => p[1] / rms).ToArray();
        Assert.InRange(Math.Sqrt(zeroMoves.Average(m => m * m)), 0.08, 0.12);
        Assert.All(points, p => Assert.NotEqual(0, p[1]));
        Assert.Equal(points.Select(p => p[1]), NearbyPoints.Around(point, 200, seed: 5).Select(p => p[1]));
    }

    [Fact]
    public void The_given_point_is_bit_identical_and_the_mostly_zero_warning_is_kept()
    {
        double[] point = [0.0, -0.0, 0.0, 0.0, 0.7];
        var before = point.Select(BitConverter.DoubleToInt64Bits).ToArray();
        var report = GradientCheck.RunNearby(F, Exact, point, nearbyPoints: 2);

        Assert.Equal(before, point.Select(BitConverter.DoubleToInt64Bits).ToArray());
        Assert.True(report.Passed, report.ToString());
        Assert.Contains(report.Warnings, w => w.Contains("exactly zero") && !w.StartsWith("at nearby", StringComparison.Ordinal));
    }

    [Fact]
    public void Float_functions_work_the_same_way()
    {
        var problem = FloatProblems.Quadratic(6, 61);
        problem.Point[2] = 0;
        var report = GradientCheck.RunNearby(problem.F, x =>
        {
            var g = problem.Gradient(x);
            g[0] += 2 * x[2];
            return g;
        }, problem.Point, nearbyPoints: 2);

        Assert.False(report.Passed, report.ToString());
        Assert.Equal("float", report.ElementType);
        Assert.All(report.Failures, e => Assert.Equal(0, e.Index));
    }

    [Fact]
    public void Points_outside_the_domain_are_skipped_with_a_warning()
    {
        // log(x₀ + x₁) at x₀ = 1e-3, x₁ = 0: x₁ moves by about 0.1·0.35, so some nearby points leave the domain.
        double G(double[] x) => Math.Log(x[0] + x[1]) + x[2] * x[2];
        double[] Grad(double[] x) => [1 / (x[0] + x[1]), 1 / (x[0] + x[1]), 2 * x[2]];
        var report = GradientCheck.RunNearby(G, Grad, [1e-3, 0, 0.5], nearbyPoints: 12);

        Assert.True(report.Passed, report.ToString());
        int skipped = report.Warnings.Count(w => w.Contains("was skipped"));
        Assert.InRange(skipped, 1, 11);
        Assert.Equal(3 * (1 + 12 - skipped), report.Entries.Count);
    }

    [Fact]
    public void Nearby_points_compose_with_the_Taylor_test()
    {
        var atPoint = TaylorTest.Run(F, Buggy, Point);
        var nearby = NearbyPoints.Around(Point, 3).Select(p => TaylorTest.Run(F, Buggy, p)).ToArray();

        Assert.True(atPoint.Passed, atPoint.ToString());
        Assert.All(nearby, report => Assert.False(report.Passed, report.ToString()));
    }
}
