namespace GradCheck.Tests.Fast;

public class JacobianCheckTests
{
    private static readonly GradientCheckOptions Fast = new() { Mode = CheckMode.Fast };

    [Fact]
    public void FullModeReportsEveryEntryByOutputAndInput()
    {
        var problem = new VectorProblem(outputs: 4, inputs: 6, seed: 31);
        var report = JacobianCheck.Run(problem.F, problem.Jacobian, problem.Point);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(24, report.Entries.Count);
        var entry = Assert.Single(report.Entries, e => e.Label == "∂y[2]/∂x[5]");
        Assert.Equal(2 * 6 + 5, entry.Index);
        Assert.Equal(problem.Exact(2, 5), entry.Numeric, 1e-9);
        // One column's evaluations serve all four outputs: far fewer than 4 × 6 separate estimates would need.
        Assert.InRange(report.FunctionEvaluations, 1, 2 + 6 * 24);
    }

    [Theory]
    [InlineData("matrix")]
    [InlineData("vjp")]
    [InlineData("jvp")]
    public void FullModeNamesTheWrongEntryWithBothValues(string form)
    {
        var problem = new VectorProblem(3, 5, seed: 32).With([(1, 3, 0.01)]);
        var report = Check(form, problem, new GradientCheckOptions());
        var failure = Assert.Single(report.Failures);
        Assert.Equal("∂y[1]/∂x[3]", failure.Label);
        Assert.Equal(problem.Exact(1, 3) * 1.01, failure.Analytic, 14);
        Assert.Equal(problem.Exact(1, 3), failure.Numeric, 1e-9);
    }

    [Theory]
    [InlineData("matrix")]
    [InlineData("vjp")]
    [InlineData("jvp")]
    public void FastModePassesCorrectProductsCheaply(string form)
    {
        var problem = new VectorProblem(5, 400, seed: 33);
        var report = Check(form, problem, Fast);
        Assert.True(report.Passed, report.ToString());
        Assert.DoesNotContain(report.Entries, e => e.Index >= 0);
        Assert.InRange(report.FunctionEvaluations, 1, 100);
    }

    [Theory]
    [InlineData("matrix")]
    [InlineData("vjp")]
    [InlineData("jvp")]
    public void FastModeLocatesAWrongEntryOfALargeJacobian(string form)
    {
        var problem = new VectorProblem(5, 400, seed: 34).With([(3, 271, 0.01)]);
        var report = Check(form, problem, Fast);
        var failure = Assert.Single(report.Failures);
        Assert.Equal("∂y[3]/∂x[271]", failure.Label);
        Assert.Equal(3 * 400 + 271, failure.Index);
        Assert.Equal(problem.Exact(3, 271), failure.Numeric, 1e-9);
        Assert.InRange(report.FunctionEvaluations, 1, 2 * 400);   // a full check would need about 8,000
    }

    [Fact]
    public void AVjpThatIsNotZeroAtZeroBreaksTheLinearityContract()
    {
        var problem = new VectorProblem(3, 4, seed: 35);
        double[] Biased(double[] x, double[] v) => problem.Vjp(x, v).Select(g => g + 0.1).ToArray();
        var report = JacobianCheck.RunVjp(problem.F, Biased, problem.Point);
        Assert.Contains(report.Failures, f => f.Label == "contract: vjp(x, 0) = 0" && f.Analytic == 0.1);
        Assert.Contains(report.Warnings, w => w.Contains("vjp is not linear in v", StringComparison.Ordinal));
    }

    [Fact]
    public void AJacobianReportHasTheJacobiansShapeAndFindsEntriesByOutputAndInput()
    {
        var problem = new VectorProblem(3, 4, seed: 38).With([(2, 1, 0.01)]);
        JacobianReport report = JacobianCheck.Run(problem.F, problem.Jacobian, problem.Point);
        Assert.Equal(3, report.Outputs);
        Assert.Equal(4, report.Inputs);
        Assert.Equal(12, report.Dimension);
        var wrong = report.EntryAt(2, 1);
        Assert.NotNull(wrong);
        Assert.Equal(EntryVerdict.Mismatch, wrong.Verdict);
        Assert.Equal(2 * 4 + 1, wrong.Index);
        Assert.Equal(problem.Exact(2, 1), wrong.Numeric, 1e-9);
        Assert.Equal(EntryVerdict.Ok, report.EntryAt(0, 3)!.Verdict);
        Assert.Equal(problem.Exact(0, 3), report.EntryAt(0, 3)!.Analytic, 14);
        Assert.Throws<ArgumentOutOfRangeException>(() => report.EntryAt(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => report.EntryAt(0, -1));
        // Still a GradientReport: code written against it compiles and reads the same.
        GradientReport asGradient = report;
        Assert.Equal([wrong], asGradient.Failures);

        var sampled = JacobianCheck.RunVjp(problem.F, problem.Vjp, problem.Point, new GradientCheckOptions { Indices = [3] });
        Assert.Null(sampled.EntryAt(2, 1));          // column 1 was not checked
        Assert.NotNull(sampled.EntryAt(2, 3));
    }

    [Fact]
    public void ABrokenContractIsATypedFailureNotAnEntry()
    {
        var problem = new VectorProblem(3, 4, seed: 35);
        double[] Biased(double[] x, double[] v) => problem.Vjp(x, v).Select(g => g + 0.1).ToArray();
        var report = JacobianCheck.RunVjp(problem.F, Biased, problem.Point);
        var contract = Assert.Single(report.ContractFailures, c => c.Contract == "vjp(x, 0) = 0");
        Assert.Equal(0.1, contract.Observed);
        Assert.Equal(0, contract.Required);
        Assert.Equal(0, contract.Tolerance);
        Assert.Equal(EntryVerdict.Mismatch, contract.Verdict);
        Assert.Equal("contract: vjp(x, 0) = 0", contract.Entry.Label);
        Assert.Equal(-1, contract.Entry.Index);
        // The Jacobian's entries are entries of the Jacobian only; the contract still fails the report and is listed in Failures.
        Assert.All(report.Entries, e => Assert.InRange(e.Index, 0, 3 * 4 - 1));
        Assert.Contains(contract.Entry, report.Failures);
        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        Assert.Contains("contract: vjp(x, 0) = 0", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WorstRelativeErrorIsTheLargestOfTheEntriesNotOfTheContractRows()
    {
        // A bias of 1e-3 makes every entry off by 1e-3 (relative errors of about 1e-3/|J|) and the contract row 0.001 vs 0
        // (relative error 1): the report's worst relative error is the entries' largest.
        var problem = new VectorProblem(3, 4, seed: 35);
        double[] Biased(double[] x, double[] v) => problem.Vjp(x, v).Select(g => g + 1e-3).ToArray();
        var report = JacobianCheck.RunVjp(problem.F, Biased, problem.Point);

        var contract = Assert.Single(report.ContractFailures, c => c.Contract == "vjp(x, 0) = 0");
        double worstEntry = report.Entries.Where(e => double.IsFinite(e.RelativeError)).Max(e => e.RelativeError);
        Assert.True(contract.Entry.RelativeError > worstEntry, $"contract {contract.Entry.RelativeError}, entries {worstEntry}");
        Assert.Equal(worstEntry, report.WorstRelativeError);
    }

    [Fact]
    public void AReentrantContractFailureNamesItsContractAndVerdict()
    {
        var problem = new VectorProblem(3, 4, seed: 37);
        int calls = 0;
        double[] Drifting(double[] x, double[] u) => problem.Jvp(x, u).Select(y => y + 1e-9 * calls++).ToArray();
        var report = JacobianCheck.RunJvp(problem.F, Drifting, problem.Point);
        var contract = Assert.Single(report.ContractFailures, c => c.Verdict == EntryVerdict.NotReentrant);
        Assert.Equal("jvp(x, u) reentrant", contract.Contract);
        Assert.NotEqual(contract.Observed, contract.Required);
        Assert.Empty(report.DirectionFailures);
        Assert.DoesNotContain(report.Entries, e => e.Index < 0);
    }

    [Fact]
    public void AVjpThatUsesTheUpstreamVectorNonLinearlyBreaksTheScalingContract()
    {
        var problem = new VectorProblem(3, 4, seed: 36);
        double[] Squared(double[] x, double[] v) => problem.Vjp(x, v.Select(w => w * Math.Abs(w)).ToArray());
        var report = JacobianCheck.RunVjp(problem.F, Squared, problem.Point);
        Assert.Contains(report.Failures, f => f.Label == "contract: vjp(x, 2v) = 2·vjp(x, v)");
        Assert.DoesNotContain(report.Failures, f => f.Label == "contract: vjp(x, 0) = 0");
    }

    [Fact]
    public void ANonReentrantJvpIsReported()
    {
        var problem = new VectorProblem(3, 4, seed: 37);
        int calls = 0;
        double[] Drifting(double[] x, double[] u) => problem.Jvp(x, u).Select(y => y + 1e-9 * calls++).ToArray();
        var report = JacobianCheck.RunJvp(problem.F, Drifting, problem.Point);
        Assert.Contains(report.Failures, f => f.Label == "contract: jvp(x, u) reentrant" && f.Verdict == EntryVerdict.NotReentrant && f.Tolerance == 0);
        Assert.Contains(report.Warnings, w => w.Contains("is not reentrant", StringComparison.Ordinal));
    }

    [Fact]
    public void ANondeterminismToleranceCoversTheProductsRepeat()
    {
        // A relative drift of 1e-13 per call (an atomic sum's order changing): linear in u, but never the same twice.
        var problem = new VectorProblem(3, 4, seed: 37);
        int calls = 0;
        double[] Drifting(double[] x, double[] u)
        {
            double drift = 1 + (1e-13 * ++calls);
            return problem.Jvp(x, u).Select(y => y * drift).ToArray();
        }
        var strict = JacobianCheck.RunJvp(problem.F, Drifting, problem.Point);
        Assert.Contains(strict.Failures, f => f.Label == "contract: jvp(x, u) reentrant");

        calls = 0;
        var tolerant = JacobianCheck.RunJvp(problem.F, Drifting, problem.Point, new GradientCheckOptions { NondeterminismTolerance = 1e-9 });
        Assert.DoesNotContain(tolerant.Entries, f => f.Verdict == EntryVerdict.NotReentrant);
        Assert.DoesNotContain(tolerant.Warnings, w => w.Contains("is not reentrant", StringComparison.Ordinal));
    }

    [Fact]
    public void CorrectProductsSatisfyTheContracts()
    {
        var problem = new VectorProblem(3, 4, seed: 38);
        Assert.True(JacobianCheck.RunVjp(problem.F, problem.Vjp, problem.Point).Passed);
        Assert.True(JacobianCheck.RunJvp(problem.F, problem.Jvp, problem.Point).Passed);
    }

    [Fact]
    public void AJacobianOfTheWrongShapeIsRefusedWithAClearMessage()
    {
        var problem = new VectorProblem(3, 4, seed: 39);
        var e = Assert.Throws<ArgumentException>(() => JacobianCheck.Run(problem.F, _ => new double[4, 3], problem.Point));
        Assert.Contains("outputs × inputs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePointIsRestoredBitExactly()
    {
        var problem = new VectorProblem(3, 50, seed: 40).With([(0, 7, 0.5)]);
        var point = (double[])problem.Point.Clone();
        JacobianCheck.RunVjp(problem.F, problem.Vjp, point, Fast);
        Assert.Equal(problem.Point, point);
    }

    private static GradientReport Check(string form, VectorProblem problem, GradientCheckOptions options) => form switch
    {
        "matrix" => JacobianCheck.Run(problem.F, problem.Jacobian, problem.Point, options),
        "vjp" => JacobianCheck.RunVjp(problem.F, problem.Vjp, problem.Point, options),
        _ => JacobianCheck.RunJvp(problem.F, problem.Jvp, problem.Point, options),
    };
}
