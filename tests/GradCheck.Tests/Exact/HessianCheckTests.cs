namespace GradCheck.Tests.Exact;

/// <summary>HessianCheck: hand-derived Hessian-vector products against finite differences of the gradient.</summary>
public class HessianCheckTests
{
    private static readonly GenericRosenbrock Rosenbrock = new(5, 81);
    private static readonly GenericLogistic Logistic = new(4, 10, 82);

    /// <summary>f = ½xᵀMx + bᵀx with M = AᵀA: ∇f = Mx + b, H·v = Mv exactly.</summary>
    private static (Func<double[], double[]> Gradient, Func<double[], double[], double[]> Hv, double[][] M, double[] Point) Quadratic(int n, int seed)
    {
        var random = new Random(seed);
        var a = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        var m = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => Enumerable.Range(0, n).Sum(k => a[k][i] * a[k][j])).ToArray()).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        double[] Times(double[][] matrix, double[] v) => matrix.Select(row => row.Zip(v, (p, q) => p * q).Sum()).ToArray();
        var point = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        return (x => Times(m, x).Zip(b, (p, q) => p + q).ToArray(), (_, v) => Times(m, v), m, point);
    }

    [Fact]
    public void Correct_products_pass_and_cost_about_a_dozen_gradients_per_direction()
    {
        var q = Quadratic(6, 83);
        var quadratic = HessianCheck.Run(q.Gradient, q.Hv, q.Point);
        var rosenbrock = HessianCheck.Run(Rosenbrock.Gradient, GenericRosenbrock.HessianVector, Rosenbrock.Point);
        var logistic = HessianCheck.Run(Logistic.Gradient, Logistic.HessianVector, Logistic.Point);

        foreach (var report in new[] { quadratic, rosenbrock, logistic })
        {
            Assert.True(report.Passed, report.ToString());
            Assert.Equal(2 * report.Dimension, report.Entries.Count);
            Assert.InRange(report.FunctionEvaluations, 2 * 6, 1 + 2 * 40);
        }
    }

    [Fact]
    public void A_wrong_entry_of_the_Hessian_is_located()
    {
        var q = Quadratic(5, 84);
        // M₂₄ off by 1e-4 (and only there: a non-symmetric bug, as a hand-written H·v can have).
        Func<double[], double[], double[]> wrong = (x, v) =>
        {
            var hv = q.Hv(x, v);
            hv[2] += 1e-4 * q.M[2][4] * v[4];
            return hv;
        };
        var report = HessianCheck.Run(q.Gradient, wrong, q.Point);

        Assert.False(report.Passed, report.ToString());
        Assert.All(report.Failures, f => Assert.Equal(2, f.Index));
        Assert.Equal(2, report.Failures.Count);
    }

    [Fact]
    public void A_missing_term_of_a_nonlinear_Hessian_fails()
    {
        // Forgetting the 1200xᵢ² term's factor (writing 600) is a typical hand-derivation slip.
        Func<double[], double[], double[]> wrong = (x, v) =>
        {
            var hv = GenericRosenbrock.HessianVector(x, v);
            for (int i = 0; i < x.Length - 1; i++) hv[i] -= 600 * x[i] * x[i] * v[i];
            return hv;
        };
        var report = HessianCheck.Run(Rosenbrock.Gradient, wrong, Rosenbrock.Point);

        Assert.False(report.Passed, report.ToString());
        Assert.DoesNotContain(report.Failures, f => f.Index == Rosenbrock.Point.Length - 1);
    }

    [Fact]
    public void Generic_functions_are_checked_against_the_exact_dual_gradient()
    {
        var report = HessianCheck.Run(Rosenbrock, GenericRosenbrock.HessianVector, Rosenbrock.Point);
        var wrong = HessianCheck.Run(Logistic, (w, v) => Logistic.HessianVector(w, v).Select(e => 1.001 * e).ToArray(), Logistic.Point);

        Assert.True(report.Passed, report.ToString());
        Assert.Contains("dual", report.Method);
        Assert.Equal(0, report.FunctionEvaluations % Rosenbrock.Point.Length);
        Assert.False(wrong.Passed, wrong.ToString());
    }

    [Fact]
    public void Given_directions_are_used_as_they_are()
    {
        var q = Quadratic(4, 85);
        double[] e1 = [0, 1, 0, 0];
        double[] seen = [];
        var report = HessianCheck.Run(q.Gradient, (x, v) => { seen = v; return q.Hv(x, v); }, q.Point,
            new HessianCheckOptions { Directions = [e1] });

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(e1, seen);
        Assert.Equal(4, report.Entries.Count);
        Assert.Equal(q.M.Select(row => row[1]), report.Entries.Select(e => e.Analytic));
        Assert.Null(report.Seed);
    }

    [Fact]
    public void The_point_is_bit_identical_afterwards()
    {
        var point = (double[])Rosenbrock.Point.Clone();
        var before = point.Select(BitConverter.DoubleToInt64Bits).ToArray();
        HessianCheck.Run(Rosenbrock.Gradient, (x, v) => { var hv = GenericRosenbrock.HessianVector(x, v); x[0] = 7; return hv; }, point);

        Assert.Equal(before, point.Select(BitConverter.DoubleToInt64Bits).ToArray());
    }
}
