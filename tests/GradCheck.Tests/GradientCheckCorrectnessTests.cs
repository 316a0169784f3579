using GradCheck.Tests.Support;

namespace GradCheck.Tests;

/// <summary>No false alarms: exact gradients pass with the defaults, in double and float, hard cases included.</summary>
public class GradientCheckCorrectnessTests
{
    public static TheoryData<Problem> CorrectProblems() => new(TestProblems.Correct());

    public static TheoryData<FloatProblem> CorrectFloatProblems() => new(FloatProblems.Correct());

    [Theory]
    [MemberData(nameof(CorrectProblems))]
    public void Exact_gradient_passes_in_double(Problem problem)
    {
        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(problem.Point.Length, report.Entries.Count);
        Assert.All(report.Entries, e => Assert.Equal(EntryVerdict.Ok, e.Verdict));
    }

    [Theory]
    [MemberData(nameof(CorrectFloatProblems))]
    public void Exact_gradient_passes_in_float(FloatProblem problem)
    {
        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal("float", report.ElementType);
    }

    [Theory]
    [MemberData(nameof(CorrectProblems))]
    public void Hard_cases_in_float_raise_no_false_alarm(Problem problem)
    {
        // The double problem evaluated on float inputs and rounded to float: a float32 function with exact gradient.
        float F(float[] x) => (float)problem.F(x.Select(v => (double)v).ToArray());
        float[] G(float[] x) => problem.Gradient(x.Select(v => (double)v).ToArray()).Select(v => (float)v).ToArray();

        var report = GradientCheck.Run(F, G, problem.Point.Select(v => (float)v).ToArray());

        // f = 1e10 + (a tanh network) in float: one ulp of f is 1024, so no step resolves derivatives of 0.01–0.2.
        // That is not checkable in float32 and must say so; every other problem is resolved and passes.
        var expected = problem.Name == "tanh network + 1e10" ? CheckOutcome.Inconclusive : CheckOutcome.Passed;
        Assert.True(expected == report.Outcome, report.ToString());
    }

    [Fact]
    public void Many_random_networks_and_points_give_no_false_alarm()
    {
        int falseAlarms = 0;
        var failures = new List<string>();
        for (int seed = 100; seed < 140; seed++)
        {
            foreach (var problem in new[] { TestProblems.TanhNetwork(3, 3, 4, seed), TestProblems.SoftmaxCrossEntropy(3, 3, 5, seed), TestProblems.Rosenbrock(4, seed) })
            {
                var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point);
                if (!report.Passed) { falseAlarms++; failures.Add(report.FailureMessage()); }
            }
        }
        Assert.True(falseAlarms == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void Numeric_values_match_the_exact_gradient_closely_in_double()
    {
        var problem = TestProblems.TanhNetwork(4, 3, 6, 12);
        var exact = problem.Gradient(problem.Point);

        var report = GradientCheck.Run(problem.F, problem.Gradient, problem.Point);

        foreach (var entry in report.Entries)
        {
            double error = Math.Abs(entry.Numeric - exact[entry.Index]);
            Assert.True(error <= 1e-9 * Math.Max(1, Math.Abs(exact[entry.Index])), $"{entry.Label}: numeric {entry.Numeric} vs exact {exact[entry.Index]}");
            // The error estimate must cover the true error (it is what the verdict relies on).
            Assert.True(error <= GradientCheckDefaults.ErrorEstimateSafety * entry.ErrorEstimate + 1e-15,
                $"{entry.Label}: true error {error:G3} exceeds 10× the estimate {entry.ErrorEstimate:G3}");
        }
    }
}
