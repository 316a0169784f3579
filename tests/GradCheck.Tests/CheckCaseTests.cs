namespace GradCheck.Tests;

public class CheckCaseTests
{
    [Fact]
    public void Function_case_runs_with_the_runners_seed_and_progress_and_keeps_its_point()
    {
        double[] point = [1.0, 2.0];
        var progress = new List<CheckProgress>();
        var check = CheckCase.Function("q", x => x[0] * x[1], x => [x[1], x[0]], point);
        point[0] = 99;   // the case copied the point
        var result = check.Run(new GradientCheckOptions { Seed = 5, Progress = new SyncProgress(progress.Add) });
        var group = Assert.Single(result.Groups);
        Assert.True(result.Passed);
        Assert.Equal([2], group.Shape);
        Assert.Equal(2.0, group.Report.Entries[0].Analytic);
        // One report per entry, then a final one with the evaluation count after the determinism top-up.
        Assert.Equal([1, 2], progress.Select(p => p.EntriesDone).Distinct());
        Assert.Equal(group.Report.FunctionEvaluations, progress[^1].FunctionEvaluations);
        Assert.Equal(1.0 * 2.0 + 0.5 * 2.0, group.Line!(0, 0.5), 12);   // f along x[0] from (1, 2)
    }

    [Fact]
    public void Float_case_reports_float()
    {
        var result = CheckCase.Function("f", x => x[0] * x[0], x => [2 * x[0]], [0.75f]).Run();
        Assert.Equal("float", result.Groups[0].Report.ElementType);
    }

    [Fact]
    public void Model_case_has_a_group_per_tensor_with_shape_diagnosis_and_a_line_that_restores_the_model()
    {
        var model = new Models.LinearTestModel<double>(outputs: 2, inputs: 3) { Bug = m => m.WeightGradient[0] *= 2 };
        double before = model.Loss();
        var result = CheckCase.Model("linear", model).Run();
        Assert.Equal(model.Parameters.Select(p => p.Name), result.Groups.Select(g => g.Name));
        Assert.Equal(model.Parameters[0].Shape, result.Groups[0].Shape);
        Assert.False(result.Groups[0].Report.Passed);
        Assert.NotNull(result.Groups[0].Diagnosis);
        Assert.True(result.Groups[1].Report.Passed);
        Assert.Null(result.Groups[1].Diagnosis);
        Assert.NotEqual(before, result.Groups[0].Line!(0, 0.25));
        Assert.Equal(before, model.Loss());   // the line put the value back
    }

    [Fact]
    public void A_result_needs_a_group() =>
        Assert.Throws<ArgumentException>(() => new CheckCaseResult([]));

    private sealed class SyncProgress(Action<CheckProgress> report) : IProgress<CheckProgress>
    {
        public void Report(CheckProgress value) => report(value);
    }
}
