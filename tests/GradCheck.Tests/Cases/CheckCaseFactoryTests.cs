using GradCheck.Tests.Support;

namespace GradCheck.Tests.Cases;

/// <summary>
/// The case factories of every check kind (issue 13): each runs its check on a private copy of the point with the
/// runner's options (seed, acceptance of inconclusive results, cancellation) and returns one group with the check's own
/// report. Derivatives are exact by hand: f(x) = x₀²·x₁ + x₁³ + 3·x₀ and y(x) = (x₀·x₁, sin x₀, x₁²).
/// </summary>
public sealed class CheckCaseFactoryTests
{
    private static double F(double[] x) => x[0] * x[0] * x[1] + x[1] * x[1] * x[1] + 3 * x[0];

    private static double[] Gradient(double[] x) => [2 * x[0] * x[1] + 3, x[0] * x[0] + 3 * x[1] * x[1]];

    private static double[] Y(double[] x) => [x[0] * x[1], Math.Sin(x[0]), x[1] * x[1]];

    private static double[,] Jacobian(double[] x) => new[,] { { x[1], x[0] }, { Math.Cos(x[0]), 0 }, { 0, 2 * x[1] } };

    private static double[] Vjp(double[] x, double[] v) => [v[0] * x[1] + v[1] * Math.Cos(x[0]), v[0] * x[0] + v[2] * 2 * x[1]];

    private static double[] Jvp(double[] x, double[] u) => [x[1] * u[0] + x[0] * u[1], Math.Cos(x[0]) * u[0], 2 * x[1] * u[1]];

    private static double[] HessianTimes(double[] x, double[] v) => [2 * x[1] * v[0] + 2 * x[0] * v[1], 2 * x[0] * v[0] + 6 * x[1] * v[1]];

    private static CancellationToken Cancelled => new(canceled: true);

    [Fact]
    public void A_Taylor_case_tests_a_copy_of_the_point_and_reports_a_TaylorReport()
    {
        double[] point = [0.7, -0.4];
        var firstPoints = new List<double[]>();
        var check = CheckCase.Taylor("taylor", x => { firstPoints.Add((double[])x.Clone()); return F(x); }, Gradient, point);
        point[0] = 99;   // the case keeps its own copy

        var result = check.Run();

        var group = Assert.Single(result.Groups);
        var report = Assert.IsType<TaylorReport>(group.CheckReport);
        Assert.Equal(CheckOutcome.Passed, result.Outcome);
        Assert.Equal("taylor", group.Name);
        Assert.Equal([2], group.Shape);
        Assert.Equal([0.7, -0.4], firstPoints[0]);
        Assert.Equal(F([0.7, -0.4]), report.FunctionValue);
        Assert.Equal(report.FunctionEvaluations, result.FunctionEvaluations);
        Assert.Equal(99, point[0]);
        var misuse = Assert.Throws<InvalidOperationException>(() => group.Report);
        Assert.Contains("'taylor' holds a TaylorReport", misuse.Message);
        Assert.Contains("CheckReport = Taylor test PASSED", group.ToString());   // printing a group of another kind does not throw
    }

    [Fact]
    public void A_Taylor_case_draws_its_direction_with_the_runners_seed_and_keeps_its_own_without_one()
    {
        var check = CheckCase.Taylor("taylor", F, Gradient, [0.7, -0.4], new TaylorTestOptions { Seed = 9 });

        var five = (TaylorReport)check.Run(new GradientCheckOptions { Seed = 5 }).Groups[0].CheckReport;
        var six = (TaylorReport)check.Run(new GradientCheckOptions { Seed = 6 }).Groups[0].CheckReport;
        var own = (TaylorReport)check.Run().Groups[0].CheckReport;

        Assert.Equal(5, five.Seed);
        Assert.Equal(6, six.Seed);
        Assert.Equal(9, own.Seed);
        Assert.NotEqual(five.Direction, six.Direction);
        Assert.Equal(five.Direction, TaylorTest.Run(F, Gradient, [0.7, -0.4], new TaylorTestOptions { Seed = 5 }).Direction);
    }

    [Fact]
    public void A_Taylor_case_of_a_wrong_gradient_fails_at_order_1()
    {
        var result = CheckCase.Taylor("wrong", F, x => [x[0] * x[1] + 3, x[0] * x[0] + 3 * x[1] * x[1]], [0.7, -0.4]).Run();

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.InRange(((TaylorReport)result.Groups[0].CheckReport).ConvergenceOrder, 0.8, 1.3);
    }

    [Fact]
    public void A_float_Taylor_case_runs_in_float()
    {
        var result = CheckCase.Taylor("float", x => x[0] * x[0] * x[1], x => [2 * x[0] * x[1], x[0] * x[0]], [0.7f, -0.4f]).Run();
        Assert.Equal("float", ((TaylorReport)result.Groups[0].CheckReport).ElementType);
        Assert.NotEqual(CheckOutcome.Failed, result.Outcome);
    }

    [Fact]
    public void The_runners_acceptance_of_inconclusive_results_reaches_Taylor_and_descent_checks()
    {
        var taylor = CheckCase.Taylor("drowned", Drowned.F, Drowned.Gradient, Drowned.Point);
        var descent = CheckCase.Descent("drowned", Drowned.F, Drowned.Gradient, Drowned.Point);

        foreach (var check in new[] { taylor, descent })
        {
            var strict = check.Run().Groups[0].CheckReport;
            var accepted = check.Run(new GradientCheckOptions { AcceptInconclusive = true }).Groups[0].CheckReport;
            Assert.Equal(CheckOutcome.Inconclusive, strict.Outcome);
            Assert.False(strict.AcceptsInconclusive);
            Assert.Throws<InconclusiveCheckException>(strict.ThrowIfFailed);
            Assert.Equal(CheckOutcome.Inconclusive, accepted.Outcome);
            Assert.True(accepted.AcceptsInconclusive);
            accepted.ThrowIfFailed();
        }
    }

    [Fact]
    public void Descent_cases_extrapolate_the_ratio_to_1_for_the_gradient_and_to_2_for_half_of_it()
    {
        var right = CheckCase.Descent("right", F, Gradient, [0.7, -0.4]).Run();
        var half = CheckCase.Descent("half", F, x => Gradient(x).Select(g => g / 2).ToArray(), [0.7, -0.4]).Run();

        var rightReport = Assert.IsType<DescentReport>(Assert.Single(right.Groups).CheckReport);
        var halfReport = (DescentReport)half.Groups[0].CheckReport;
        Assert.True(right.Passed);
        Assert.Equal([2], right.Groups[0].Shape);
        Assert.Equal(1.0, rightReport.LimitRatio, 6);
        // ∇f·g/|g|² with g = ∇f/2 is 2: the loss falls twice as fast as g predicts.
        Assert.Equal(CheckOutcome.Failed, half.Outcome);
        Assert.Equal(2.0, halfReport.LimitRatio, 4);
        Assert.True(halfReport.LossDecreased);
    }

    [Fact]
    public void Jacobian_cases_are_shaped_outputs_by_inputs_with_a_line_along_each_entrys_input()
    {
        double[] point = [0.7, -0.4];
        var full = CheckCase.Jacobian("J", Y, Jacobian, point).Run();
        var vjp = CheckCase.Vjp("vjp", Y, Vjp, point).Run();
        var jvp = CheckCase.Jvp("jvp", Y, Jvp, point).Run();

        foreach (var result in new[] { full, vjp, jvp })
        {
            var group = Assert.Single(result.Groups);
            var report = Assert.IsType<JacobianReport>(group.Report);
            Assert.True(result.Passed, report.ToString());
            Assert.Equal([3, 2], group.Shape);
            Assert.Equal(6, report.Entries.Count);
            // Entry 5 is ∂y₂/∂x₁: its line is y₂ = x₁² along x₁, from the case's own copy of the point.
            Assert.Equal((-0.4 + 0.25) * (-0.4 + 0.25), group.Line!(5, 0.25), 15);
            Assert.Equal(Math.Sin(0.7 + 0.25), group.Line!(2, 0.25), 15);
        }
        Assert.Equal([0.7, -0.4], point);
    }

    [Fact]
    public void A_Jacobian_case_runs_in_the_runners_mode()
    {
        var result = CheckCase.Jacobian("J", Y, Jacobian, [0.7, -0.4]).Run(new GradientCheckOptions { Mode = CheckMode.Fast, Seed = 3 });
        Assert.Equal(CheckMode.Fast, result.Groups[0].Report.Mode);
        Assert.True(result.Passed);
    }

    [Fact]
    public void A_Hessian_case_draws_its_directions_with_the_runners_seed_and_names_a_wrong_component()
    {
        var right = CheckCase.Hessian("H", Gradient, HessianTimes, [0.7, -0.4], new HessianCheckOptions { DirectionCount = 3 })
            .Run(new GradientCheckOptions { Seed = 11 });
        var wrong = CheckCase.Hessian("H", Gradient, (x, v) => [2 * x[1] * v[0] + 2 * x[0] * v[1], 2 * x[0] * v[0] + 3 * x[1] * v[1]], [0.7, -0.4],
            new HessianCheckOptions { Directions = [[0.0, 1.0]] }).Run();

        var group = Assert.Single(right.Groups);
        Assert.True(right.Passed);
        Assert.Equal([3, 2], group.Shape);
        Assert.Equal(11, group.Report.Seed);
        var failure = Assert.Single(wrong.Groups[0].Report.Failures);
        Assert.Equal("(H·v1)[1]", failure.Name);
        Assert.Equal(-1.2, failure.Analytic, 12);   // the claimed 3x₁
        Assert.Equal(-2.4, failure.Numeric, 6);     // ∂²f/∂x₁² = 6x₁
    }

    [Fact]
    public void Every_factory_stops_on_cancellation_and_leaves_the_point_as_it_was()
    {
        double[] point = [0.7, -0.4];
        CheckCase[] cases =
        [
            CheckCase.Taylor("t", F, Gradient, point),
            CheckCase.Descent("d", F, Gradient, point),
            CheckCase.Jacobian("j", Y, Jacobian, point),
            CheckCase.Vjp("v", Y, Vjp, point),
            CheckCase.Jvp("u", Y, Jvp, point),
            CheckCase.Hessian("h", Gradient, HessianTimes, point),
            CheckCase.Create("c", (options, cancellation) => TaylorTest.Run(F, Gradient, point, null, cancellation)),
        ];

        foreach (var check in cases) Assert.ThrowsAny<OperationCanceledException>(() => check.Run(null, Cancelled));
        Assert.Equal([0.7, -0.4], point);
    }

    [Fact]
    public void A_generic_case_wraps_any_report_as_one_group_without_a_shape()
    {
        GradientCheckOptions? seen = null;
        var check = CheckCase.Create("any", (options, cancellation) =>
        {
            seen = options;
            return DescentCheck.Run(F, Gradient, [0.7, -0.4], null, cancellation);
        });
        var runner = new GradientCheckOptions { Seed = 4 };

        var result = check.Run(runner);

        Assert.Same(runner, seen);
        var group = Assert.Single(result.Groups);
        Assert.Equal("any", group.Name);
        Assert.Empty(group.Shape);
        Assert.IsType<DescentReport>(group.CheckReport);
        Assert.True(result.Passed);
        var empty = CheckCase.Create<TaylorReport>("none", (_, _) => null!);
        Assert.Contains("'none' returned no report", Assert.Throws<InvalidOperationException>(() => empty.Run()).Message);
    }

    [Fact]
    public void A_gradient_group_is_the_same_report_through_both_properties_and_keeps_its_record_behaviour()
    {
        var first = GradientCheck.Run(F, Gradient, [0.7, -0.4]);
        var second = GradientCheck.Run(F, Gradient, [0.5, 0.5]);
        var group = new CheckGroup("g", [2], first);

        Assert.Same(first, group.Report);
        Assert.Same(first, group.CheckReport);
        var (name, shape, report) = group;
        Assert.Equal(("g", 2, first), (name, shape[0], report));
        var changed = group with { Report = second };
        Assert.Same(second, changed.CheckReport);
        Assert.NotEqual(group, changed);
        Assert.Equal(group, group with { });
        Assert.Same(first, new CheckGroup("g", [2], (ICheckReport)first).Report);   // a gradient report given as ICheckReport is one
        Assert.Throws<ArgumentNullException>(() => new CheckGroup("g", [2], (ICheckReport)null!));
    }

    [Fact]
    public void A_case_of_groups_of_several_kinds_has_the_worst_outcome_and_all_their_evaluations()
    {
        var gradient = GradientCheck.Run(F, Gradient, [0.7, -0.4]);
        var taylor = TaylorTest.Run(F, x => [x[0] * x[1] + 3, x[0] * x[0] + 3 * x[1] * x[1]], [0.7, -0.4]);
        var result = new CheckCaseResult([new CheckGroup("gradient", [2], gradient), new CheckGroup("taylor", [2], taylor)]);

        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Equal(gradient.FunctionEvaluations + taylor.FunctionEvaluations, result.FunctionEvaluations);
    }
}
