using GradCheck.FiniteDifferences;
using GradCheck.Tests.Support;

namespace GradCheck.Tests;

public class OptionsAndCostTests
{
    [Fact]
    public void Adaptive_default_costs_at_most_16_evaluations_per_entry_on_smooth_functions()
    {
        foreach (var problem in new[] { TestProblems.TanhNetwork(3, 4, 5, 1), TestProblems.SoftmaxCrossEntropy(3, 4, 6, 2), TestProblems.Quadratic(6, 3), TestProblems.Logistic(5, 8, 4) })
        {
            var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point);
            Assert.All(report.Entries, e => Assert.True(e.Evaluations <= 16, $"{problem}: {e.Label} took {e.Evaluations}"));
            // + 2 determinism evaluations + 2 per direction of the noise probe, then repeats at the point up to the floor
            int own = report.Entries.Sum(e => e.Evaluations) + 2 + 2 * GradCheck.Internal.NoiseProbe.Directions;
            Assert.Equal(Math.Max(own, 342), report.FunctionEvaluations);
        }
    }

    [Fact]
    public void Fixed_central_scheme_costs_exactly_two_per_entry_plus_the_determinism_evaluations()
    {
        var problem = TestProblems.TanhNetwork(3, 4, 5, 1);
        int calls = 0;
        var report = GradientCheck.Run(x => { calls++; return problem.F(x); }, problem.Gradient, problem.Point,
            new GradientCheckOptions { Scheme = FiniteDifferenceScheme.Central(), Step = 1e-3, DeterminismEvaluations = 0 });

        int n = problem.Point.Length;
        Assert.Equal(2 * n + 2, report.FunctionEvaluations);
        Assert.Equal(calls, report.FunctionEvaluations);
    }

    [Theory]
    [InlineData(null, 342)]
    [InlineData(100, 100)]
    [InlineData(1000, 1000)]
    public void Small_checks_are_topped_up_to_the_determinism_floor_with_repeats_at_the_point(int? floor, int expected)
    {
        // 2·16 + 2 = 34 evaluations of its own; the rest are repeats of f at the unperturbed point.
        var problem = TestProblems.TanhNetwork(3, 4, 5, 1);
        var point = (double[])problem.Point.Clone();
        int calls = 0, atPoint = 0;
        var report = GradientCheck.Run(x => { calls++; if (x.SequenceEqual(point)) atPoint++; return problem.F(x); }, problem.Gradient, problem.Point,
            new GradientCheckOptions { Scheme = FiniteDifferenceScheme.Central(), Step = 1e-3, DeterminismEvaluations = floor });

        Assert.Equal(expected, report.FunctionEvaluations);
        Assert.Equal(calls, report.FunctionEvaluations);
        Assert.Equal(expected - 2 * problem.Point.Length, atPoint);
    }

    [Fact]
    public void A_check_that_makes_more_evaluations_than_the_floor_pays_nothing_extra()
    {
        var problem = TestProblems.Quadratic(200, 1);   // more than 171 coordinates at 2 evaluations each; central differences are exact
        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point,
            new GradientCheckOptions { Scheme = FiniteDifferenceScheme.Central(), Step = 1e-3 });
        Assert.True(report.Passed, report.ToString());
        Assert.True(2 * problem.Point.Length + 2 > 342);
        Assert.Equal(2 * problem.Point.Length + 2, report.FunctionEvaluations);
    }

    [Fact]
    public void Seed_method_is_reproducible_exactly()
    {
        // The seed: central difference with h = 1e-3, (f(x+h) − f(x−h)) / 2h.
        var problem = TestProblems.Logistic(4, 6, 7);
        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point,
            new GradientCheckOptions { Scheme = FiniteDifferenceScheme.Central(), Step = 1e-3, Tolerance = FixedTolerance.RelativeError(1e-3) });

        foreach (var entry in report.Entries)
        {
            var x = (double[])problem.Point.Clone();
            double orig = x[entry.Index];
            x[entry.Index] = orig + 1e-3;
            double fp = problem.F(x);
            x[entry.Index] = orig - 1e-3;
            double fm = problem.F(x);
            Assert.Equal((fp - fm) / (2.0 * 1e-3), entry.Numeric);
            Assert.Equal(1e-3 * Math.Max(Math.Abs(entry.Analytic), Math.Abs(entry.Numeric)), entry.Tolerance, 15);
        }
    }

    [Fact]
    public void PyTorch_rule_is_available_as_a_fixed_tolerance()
    {
        var rule = FixedTolerance.AllClose(1e-5, 1e-3);
        Assert.Equal(1e-5 + 1e-3 * 2, rule.For(analytic: 100, numeric: -2), 15);
        Assert.Equal("|a−n| ≤ 1e-5 + 0.001·|n|", rule.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedTolerance.RelativeError(-1));
    }

    [Fact]
    public void Indices_option_checks_exactly_those_coordinates()
    {
        var problem = TestProblems.Quadratic(8, 5);
        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point, new GradientCheckOptions { Indices = [6, 1, 3] });
        Assert.Equal([6, 1, 3], report.Entries.Select(e => e.Index));
        Assert.Equal(8, report.Dimension);
    }

    [Fact]
    public void Sample_is_reproducible_from_the_seed_and_changes_with_it()
    {
        var problem = TestProblems.Quadratic(30, 5);
        int[] Sample(int? seed) => GradientCheck.Run(problem.F, problem.Gradient, problem.Point,
            new GradientCheckOptions { SampleSize = 5, Seed = seed }).Entries.Select(e => e.Index).ToArray();

        Assert.Equal(Sample(3), Sample(3));
        Assert.Equal(Sample(null), Sample(null));
        Assert.NotEqual(Sample(3), Sample(4));
        Assert.Equal(5, Sample(3).Distinct().Count());
        Assert.All(Sample(3), i => Assert.InRange(i, 0, 29));
        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point, new GradientCheckOptions { SampleSize = 5, Seed = 3 });
        Assert.Equal(3, report.Seed);
    }

    [Fact]
    public void Progress_is_reported_per_entry()
    {
        var seen = new List<CheckProgress>();
        var progress = new SynchronousProgress(seen.Add);
        var problem = TestProblems.Quadratic(4, 5);
        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point, new GradientCheckOptions { Progress = progress });
        // Each entry once, in order; the repeats at the point after the last entry report 4 of 4 again with the final count.
        Assert.Equal([1, 2, 3, 4], seen.Select(p => p.EntriesDone).Distinct());
        Assert.All(seen, p => Assert.Equal(4, p.EntriesTotal));
        Assert.Equal(report.FunctionEvaluations, seen[^1].FunctionEvaluations);
    }

    [Fact]
    public void Cancellation_stops_the_check_and_restores_the_point()
    {
        var problem = TestProblems.Quadratic(6, 5);
        var point = (double[])problem.Point.Clone();
        using var cts = new CancellationTokenSource();
        int calls = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => GradientCheck.Run(x => { if (++calls == 10) cts.Cancel(); return problem.F(x); },
            problem.Gradient, point, null, cts.Token));
        Assert.Equal(problem.Point, point);
    }

    private sealed class SynchronousProgress(Action<CheckProgress> report) : IProgress<CheckProgress>
    {
        public void Report(CheckProgress value) => report(value);
    }
}
