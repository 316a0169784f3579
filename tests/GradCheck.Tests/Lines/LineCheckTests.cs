using GradCheck.Lines;

namespace GradCheck.Tests.Lines;

/// <summary>
/// The public surface adapters build on (<see cref="LineCheck"/>, <see cref="ReentrancyEntries"/>, the report phrases):
/// each must give the verdicts, counts and text the core's own checks give.
/// </summary>
public class LineCheckTests
{
    /// <summary>f along one coordinate, in double or float32 (its offsets then round as float32 does).</summary>
    private sealed class Line(Func<double, double> f, double x, bool float32 = false) : ILineFunction
    {
        public int Evaluations { get; private set; }

        public double X => x;

        public double F0 => f(x);

        public double Epsilon => float32 ? Math.Pow(2, -23) : Math.Pow(2, -52);

        public double Evaluate(double offset, out double actualOffset)
        {
            Evaluations++;
            double moved = float32 ? (float)(x + offset) : x + offset;
            actualOffset = moved - x;
            return f(moved);
        }
    }

    private static readonly Func<double, double> Cube = t => t * t * t;

    [Fact]
    public void A_correct_derivative_is_ok_and_its_estimate_is_the_derivative()
    {
        var lines = new LineCheck(new GradientCheckOptions());
        var line = new Line(Cube, 2);
        var entry = lines.CheckEntry(line, lines.Budget(Math.Pow(2, -52), [12.0]), 3, "x[3]", 12);
        Assert.Equal(EntryVerdict.Ok, entry.Verdict);
        Assert.Equal(3, entry.Index);
        Assert.Equal("x[3]", entry.Name);
        Assert.Equal(12, entry.Numeric, 1e-8);
        Assert.True(entry.Evaluations > 0);
        Assert.Equal(line.Evaluations, entry.Evaluations);
    }

    [Fact]
    public void A_derivative_five_percent_off_is_a_mismatch_after_the_recheck()
    {
        var lines = new LineCheck(new GradientCheckOptions());
        var line = new Line(Cube, 2);
        var entry = lines.CheckEntry(line, lines.Budget(Math.Pow(2, -52), [12.6]), 0, "x[0]", 12.6);
        Assert.Equal(EntryVerdict.Mismatch, entry.Verdict);
        Assert.True(entry.IsFailure);
        Assert.Equal(12, entry.Numeric, 1e-6);
        // The recheck spent evaluations of its own, and the entry counts them.
        Assert.Equal(line.Evaluations, entry.Evaluations);
    }

    [Fact]
    public void A_direction_is_judged_on_one_estimate()
    {
        var lines = new LineCheck(new GradientCheckOptions());
        var right = lines.CheckDirection(new Line(Cube, 2), lines.Budget(Math.Pow(2, -52), [12.0]), 0, "d", 12);
        var line = new Line(Cube, 2);
        var wrong = lines.CheckDirection(line, lines.Budget(Math.Pow(2, -52), [12.6]), 0, "d", 12.6);
        Assert.Equal(EntryVerdict.Ok, right.Verdict);
        Assert.Equal(EntryVerdict.Mismatch, wrong.Verdict);
        Assert.Equal(line.Evaluations, wrong.Evaluations); // no recheck
    }

    [Fact]
    public void A_float32_line_is_judged_at_float32_rounding()
    {
        var lines = new LineCheck(new GradientCheckOptions());
        var entry = lines.CheckEntry(new Line(t => (float)Math.Sin(t), 0.5, float32: true), lines.Budget(Math.Pow(2, -23), [Math.Cos(0.5)]), 0, "x", Math.Cos(0.5));
        Assert.Equal(EntryVerdict.Ok, entry.Verdict);
        Assert.True(entry.Tolerance > 1e-9, "a float32 line cannot be held to double precision");
        Assert.Equal(Math.Cos(0.5), entry.Numeric, 1e-3);
    }

    [Fact]
    public void The_plan_is_the_options_sample_and_the_seed_the_options_seed()
    {
        var sampled = new LineCheck(new GradientCheckOptions { SampleSize = 3, Seed = 7 });
        var plan = sampled.Plan(10);
        Assert.Equal(3, plan.Indices.Count);
        Assert.All(plan.Indices, i => Assert.InRange(i, 0, 9));
        Assert.Equal(plan.Indices.Order(), plan.Indices);
        Assert.Equal(7, plan.Seed);
        Assert.Equal(7, sampled.Seed);

        var all = new LineCheck(new GradientCheckOptions()).Plan(4);
        Assert.Equal([0, 1, 2, 3], all.Indices);
        Assert.Null(all.Seed);
        Assert.Equal(342, new LineCheck(new GradientCheckOptions()).DeterminismEvaluations);
        Assert.Equal(5, new LineCheck(new GradientCheckOptions { DeterminismEvaluations = 5 }).DeterminismEvaluations);
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_when_the_check_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LineCheck(new GradientCheckOptions { InitialStep = -1 }));
        Assert.Throws<ArgumentException>(() => new LineCheck(new GradientCheckOptions { Step = 1e-3 }));
        Assert.Throws<ArgumentNullException>(() => new LineCheck(null!));
        Assert.Throws<ArgumentException>(() => new LineCheck(new GradientCheckOptions { Indices = [0], SampleSize = 1 }).Plan(3));
    }

    [Fact]
    public void The_report_is_the_core_report_of_the_entries()
    {
        var options = new GradientCheckOptions { AcceptInconclusive = true };
        var lines = new LineCheck(options);
        var budget = lines.Budget(Math.Pow(2, -52), [12.0, 12.6]);
        var ok = lines.CheckEntry(new Line(Cube, 2), budget, 0, "a", 12);
        var bad = lines.CheckEntry(new Line(Cube, 2), budget, 1, "b", 12.6);
        var report = lines.Report([ok, bad], 40, ["a warning"], 2, "float64", 8, null, lines.Method);

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        Assert.Equal([bad], report.Failures);
        Assert.Equal(40, report.FunctionEvaluations);
        Assert.Equal(["a warning"], report.Warnings);
        Assert.Equal(2, report.Dimension);
        Assert.Equal("float64", report.ElementType);
        Assert.Equal(8, report.FunctionValue);
        Assert.True(report.AcceptsInconclusive);
        Assert.Equal("adaptive central differences with Richardson extrapolation; error-budget tolerance", lines.Method);
        Assert.StartsWith("FAILED: 1 of 2 entries ok (1 mismatch)", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_are_the_cores()
    {
        var lines = new LineCheck(new GradientCheckOptions());
        var entry = lines.CheckEntry(new Line(Cube, 2), lines.Budget(Math.Pow(2, -52), [12.0]), 0, "x", 12);
        Assert.Empty(LineCheck.Warnings([entry], 1, 0, 8));
        var mostlyZero = LineCheck.Warnings([entry], 8, 0.75, 8);
        Assert.Single(mostlyZero);
        Assert.StartsWith("75 % of the point is exactly zero.", mostlyZero[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_nondeterminism_message_names_both_values_and_the_tolerance()
    {
        var lines = new LineCheck(new GradientCheckOptions { NondeterminismTolerance = 1e-9 });
        string message = lines.NondeterminismMessage(1, 1.5);
        Assert.StartsWith("The function is not deterministic: two evaluations at the same point gave 1 and 1.5 (difference 0.5, allowed 1E-09).", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reentrancy_entries_fail_what_changed_and_replace_entries_of_the_same_name()
    {
        var changed = ReentrancyEntries.Changed([1.0, 2.0, 3.0], [1.0, 2.5, 3.0 + 1e-12], 1e-9);
        Assert.Equal([1], changed);
        var notReentrant = ReentrancyEntries.Entry(1, "b", 2, 2.5, 1e-9);
        Assert.Equal(EntryVerdict.NotReentrant, notReentrant.Verdict);
        Assert.Equal(0.5, notReentrant.AbsoluteError);
        Assert.Equal(1e-9, notReentrant.Tolerance);

        var ok = EntryResult.Compare(0, "a", 1, 1, 0, 1e-9, EntryVerdict.Ok);
        var b = EntryResult.Compare(1, "b", 2, 2, 0, 1e-9, EntryVerdict.Ok) with { Step = 0.25, Evaluations = 9 };
        var merged = ReentrancyEntries.Merge([ok, b], [notReentrant]);
        Assert.Equal(2, merged.Count);
        Assert.Same(ok, merged[0]);
        Assert.Equal(EntryVerdict.NotReentrant, merged[1].Verdict);
        Assert.Equal(9, merged[1].Evaluations);

        string summary = ReentrancyEntries.Summary("The backward pass", [notReentrant], 3, 1e-9);
        Assert.StartsWith("The backward pass is not reentrant: a second call at the same point changed 1 of 3 entries by more than NondeterminismTolerance = 1E-09 (largest change 0.5 at b", summary, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ReentrancyEntries.Summary("The backward pass", [], 3, 0));
    }

    [Fact]
    public void Compare_computes_the_errors_once()
    {
        var entry = EntryResult.Compare(4, "w[4]", 2, 1.5, 0.01, 0.1, EntryVerdict.Mismatch);
        Assert.Equal(0.5, entry.AbsoluteError);
        Assert.Equal(0.25, entry.RelativeError);
        Assert.Equal(0.01, entry.ErrorEstimate);
        Assert.Equal(5, entry.ErrorToTolerance, 12);
        Assert.Equal("w[4]", entry.Label);
    }

    [Fact]
    public void Outcomes_combine_and_read_as_the_reports_state_them()
    {
        Assert.Equal(CheckOutcome.Passed, CheckOutcomes.Worst([]));
        Assert.Equal(CheckOutcome.Inconclusive, CheckOutcomes.Worst([CheckOutcome.Passed, CheckOutcome.Inconclusive]));
        Assert.Equal(CheckOutcome.Failed, CheckOutcomes.Worst([CheckOutcome.Inconclusive, CheckOutcome.Failed, CheckOutcome.Passed]));
        Assert.Equal("PASSED", CheckOutcomes.Verdict(CheckOutcome.Passed));
        Assert.Equal("FAILED", CheckOutcomes.Verdict(CheckOutcome.Failed));
        Assert.Equal("INCONCLUSIVE", CheckOutcomes.Verdict(CheckOutcome.Inconclusive));

        var small = EntryResult.Compare(0, "a", 1, 1.01, 0, 0.1, EntryVerdict.Ok);
        var large = EntryResult.Compare(1, "b", 1, 1.05, 0, 0.1, EntryVerdict.Ok);
        Assert.Equal("; largest error/tolerance 0.5 at b", CheckOutcomes.WorstEntryPhrase([small, large]));
        Assert.Equal("", CheckOutcomes.WorstEntryPhrase([]));
    }

    [Fact]
    public void The_inconclusive_message_is_the_one_ThrowIfFailed_gives()
    {
        var lines = new LineCheck(new GradientCheckOptions());
        var unresolved = EntryResult.Compare(0, "a", 1e-3, 1.1e-3, 0, 1e-3, EntryVerdict.Inconclusive);
        var report = lines.Report([unresolved], 10, [], 1, "float32", 1, null, lines.Method);
        Assert.Equal(CheckOutcome.Inconclusive, report.Outcome);
        var thrown = Assert.Throws<InconclusiveCheckException>(report.ThrowIfFailed);
        Assert.Equal(report.InconclusiveMessage(), thrown.Message);
        Assert.StartsWith("Gradient check inconclusive: 1 of 1 checked entries could not be resolved", thrown.Message, StringComparison.Ordinal);
    }
}
