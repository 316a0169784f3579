namespace GradCheck.Tests.Fast;

public class FastLocalisationTests
{
    private static readonly GradientCheckOptions Fast = new() { Mode = CheckMode.Fast };

    [Fact]
    public void OnePercentBugInTenThousandDimensionsIsLocatedExactlyForAtLeast99Of100Seeds()
    {
        var problem = new SeparableCoupled(10_000, seed: 3);
        var exact = problem.Gradient(problem.Point);
        int located = 0, worstEvaluations = 0;
        for (int seed = 0; seed < 100; seed++)
        {
            int wrong = new Random(1_000 + seed).Next(problem.N);
            var report = GradientCheck.Run(problem.F, problem.GradientWithBug(0.01, wrong), problem.Point, Fast with { Seed = seed });
            worstEvaluations = Math.Max(worstEvaluations, report.FunctionEvaluations);
            if (report.Failures.Count == 1 && report.Failures[0].Index == wrong
                && Math.Abs(report.Failures[0].Numeric - exact[wrong]) < 1e-8 && report.FunctionEvaluations <= 2_000)
                located++;
        }
        Assert.True(located >= 99, $"located exactly within 2,000 evaluations in {located} of 100 seeds");
        Assert.InRange(worstEvaluations, 1, 2_000);
    }

    [Fact]
    public void SeveralWrongEntriesAreAllLocatedWithBothValues()
    {
        var problem = new SeparableCoupled(4_096, seed: 4);
        int[] wrong = [5, 1_000, 1_001, 4_095];
        var exact = problem.Gradient(problem.Point);
        var report = GradientCheck.Run(problem.F, problem.GradientWithBug(-0.02, wrong), problem.Point, Fast);
        Assert.Equal(wrong, report.Failures.Select(f => f.Index).Order());
        foreach (var failure in report.Failures)
        {
            Assert.Equal(exact[failure.Index] * 0.98, failure.Analytic, 15);
            Assert.Equal(exact[failure.Index], failure.Numeric, 1e-8);
            Assert.Equal($"x[{failure.Index}]", failure.Label);
        }
        // Entries are the coordinates examined one by one: the located ones and their leaf neighbours, nothing else.
        Assert.InRange(report.Entries.Count, wrong.Length, 2 * wrong.Length);
        Assert.All(report.Entries.Where(e => !wrong.Contains(e.Index)), e => Assert.Equal(EntryVerdict.Ok, e.Verdict));
    }

    [Fact]
    public void WholeGradientScaledByTwoStopsEarlyWithAWarningAndASampleOfWrongEntries()
    {
        var problem = new SeparableCoupled(10_000, seed: 5);
        var exact = problem.Gradient(problem.Point);
        var report = GradientCheck.Run(problem.F, x => problem.Gradient(x).Select(v => 2 * v).ToArray(), problem.Point, Fast);
        Assert.False(report.Passed);
        Assert.Contains(report.Warnings, w => w.Contains("Localisation stopped early", StringComparison.Ordinal));
        Assert.InRange(report.Failures.Count, 5, 20);
        Assert.All(report.Failures, f =>
        {
            Assert.Equal(2 * exact[f.Index], f.Analytic, 14);
            Assert.Equal(exact[f.Index], f.Numeric, 1e-8);
        });
        Assert.InRange(report.FunctionEvaluations, 1, 2_000);
    }

    [Fact]
    public void AnErrorSpreadThinOverAllEntriesFailsTheReportEvenWhenNoEntryCanBeBlamed()
    {
        // A fixed absolute tolerance of 1e-6 for every comparison. Every entry is off by 5e-7, within it, but g·d
        // collects about √n·5e-7 = 5e-5 of it, so the directions fail. No entry is wrong on its own: the report must
        // still fail, and say why.
        var problem = new SeparableCoupled(10_000, seed: 6);
        var options = Fast with { Tolerance = FixedTolerance.AllClose(1e-6, 0) };
        var report = GradientCheck.Run(problem.F, x => problem.Gradient(x).Select(v => v + 5e-7).ToArray(), problem.Point, options);
        Assert.DoesNotContain(report.Entries, e => e.Index >= 0 && e.IsFailure);
        Assert.False(report.Passed);
        Assert.Contains(report.Failures, f => f.Index == -1 && f.Label.StartsWith("g·d", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Contains("no single wrong entry was located", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnlocatedDirectionIsATypedFailureNotAnEntry()
    {
        var problem = new SeparableCoupled(10_000, seed: 6);
        var options = Fast with { Tolerance = FixedTolerance.AllClose(1e-6, 0) };
        var report = GradientCheck.Run(problem.F, x => problem.Gradient(x).Select(v => v + 5e-7).ToArray(), problem.Point, options);
        var direction = Assert.Single(report.DirectionFailures);
        Assert.Equal(EntryVerdict.Mismatch, direction.Verdict);
        Assert.InRange(direction.Direction, 1, report.Directions);
        Assert.Equal($"g·d (direction #{direction.Direction})", direction.Entry.Label);
        Assert.True(Math.Abs(direction.Analytic - direction.Numeric) > direction.Tolerance);
        Assert.Equal(-1, direction.Entry.Index);
        Assert.All(report.Entries, e => Assert.InRange(e.Index, 0, 10_000 - 1));
        Assert.Equal([direction.Entry], report.Failures);
        Assert.Empty(report.ContractFailures);
    }

    [Fact]
    public void IndicesRestrictTheDirectionsToThoseCoordinates()
    {
        var problem = new SeparableCoupled(1_000, seed: 7);
        // The bug sits outside the checked coordinates: it cannot be seen; inside, it is located.
        var outside = GradientCheck.Run(problem.F, problem.GradientWithBug(0.5, 900), problem.Point,
            Fast with { Indices = Enumerable.Range(0, 500).ToArray() });
        Assert.True(outside.Passed, outside.ToString());
        var inside = GradientCheck.Run(problem.F, problem.GradientWithBug(0.5, 400), problem.Point,
            Fast with { Indices = Enumerable.Range(0, 500).ToArray() });
        Assert.Equal(400, Assert.Single(inside.Failures).Index);
    }

    [Fact]
    public void FloatFunctionsAreCheckedAndLocatedInFastMode()
    {
        var problem = new SeparableCoupled(2_000, seed: 8);
        var point = problem.Point.Select(v => (float)v).ToArray();
        var correct = GradientCheck.Run(problem.FloatF, problem.FloatGradient, point, Fast);
        Assert.True(correct.Passed, correct.ToString());
        Assert.Equal("float", correct.ElementType);

        float[] Buggy(float[] x)
        {
            var g = problem.FloatGradient(x);
            g[1_234] *= 1.05f;
            return g;
        }
        var report = GradientCheck.Run(problem.FloatF, Buggy, point, Fast);
        Assert.Equal(1_234, Assert.Single(report.Failures).Index);
    }

    [Fact]
    public void ReportNamesTheModeAndTheGuaranteedDetectionThreshold()
    {
        var problem = new SeparableCoupled(100, seed: 9);
        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point, Fast with { Seed = 42 });
        Assert.StartsWith("fast mode: 5 random ±1 directions (seed 42)", report.Method, StringComparison.Ordinal);
        Assert.Equal(42, report.Seed);
    }
}
