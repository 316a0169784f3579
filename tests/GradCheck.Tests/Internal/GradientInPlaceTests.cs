namespace GradCheck.Tests.Internal;

/// <summary>
/// The check reads the analytic gradient in place from the array the gradient returned (no copy as doubles: that copy
/// was a whole copy of the point). These tests pin what that must not change: a gradient that reuses one buffer is
/// judged on its values, an accumulating one still fails with the entries that change, and an f that writes into the
/// gradient's array cannot make a verdict on values that changed under the check.
/// </summary>
public class GradientInPlaceTests
{
    // f(x) = Σ c_i·x_i² + x_0·x_1, with dyadic c and x so the exact gradient 2·c_i·x_i (+ the cross terms) is computed without rounding.
    private static readonly double[] C = [0.5, 1.5, -0.75, 2, 0.25];
    private static readonly double[] X0 = [1, -0.5, 0.25, 2, -1.5];

    private static double F(double[] x) => C.Select((c, i) => c * x[i] * x[i]).Sum() + (x[0] * x[1]);

    private static void ExactInto(double[] x, double[] into)
    {
        for (int i = 0; i < x.Length; i++) into[i] = 2 * C[i] * x[i];
        into[0] += x[1];
        into[1] += x[0];
    }

    public static TheoryData<CheckMode> Modes => [CheckMode.Full, CheckMode.Fast];

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_gradient_that_returns_the_same_buffer_every_call_is_judged_on_its_values(CheckMode mode)
    {
        var buffer = new double[5];
        var correct = GradientCheck.Run(F, x => { ExactInto(x, buffer); return buffer; }, [.. X0], new GradientCheckOptions { Mode = mode });
        var wrong = GradientCheck.Run(F, x => { ExactInto(x, buffer); buffer[3] *= 1.05; return buffer; }, [.. X0], new GradientCheckOptions { Mode = mode });

        Assert.Equal(CheckOutcome.Passed, correct.Outcome);
        Assert.Empty(correct.Warnings);
        Assert.Equal(CheckOutcome.Failed, wrong.Outcome);
        var failure = Assert.Single(wrong.Failures);
        Assert.Equal((3, EntryVerdict.Mismatch, 8 * 1.05), (failure.Index, failure.Verdict, failure.Analytic)); // exact: 2·2·2 = 8
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_gradient_that_accumulates_into_the_buffer_it_returns_fails_in_the_entries_that_change(CheckMode mode)
    {
        // The second call overwrites the first's values in the same array, so the changes are shown between a kept copy
        // of the second call and a third: 2g, then 3g, in the accumulating entries only.
        var buffer = new double[5];
        var exact = new double[5];
        var report = GradientCheck.Run(F, x =>
        {
            ExactInto(x, exact);
            for (int i = 0; i < 5; i++) buffer[i] = i is 1 or 4 ? buffer[i] + exact[i] : exact[i];
            return buffer;
        }, [.. X0], new GradientCheckOptions { Mode = mode });

        ExactInto(X0, exact);
        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        Assert.Equal([1, 4], report.Failures.Select(f => f.Index).Order());
        foreach (var failure in report.Failures)
            Assert.Equal((EntryVerdict.NotReentrant, 2 * exact[failure.Index], 3 * exact[failure.Index]), (failure.Verdict, failure.Analytic, failure.Numeric));
        Assert.Contains(report.Warnings, w => w.Contains("2 of 5 entries", StringComparison.Ordinal)
                                              && w.Contains("returned the same array on both calls", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void An_f_that_writes_into_the_array_the_gradient_returned_gets_the_check_run_again_on_a_copy(CheckMode mode)
    {
        // A training loop's shape: f zeroes the gradient buffer the backward pass fills (zero_grad inside the loss).
        // Judged in place, every entry would be compared with 0 after the first evaluation of f.
        foreach (double factor in new[] { 1.0, 1.05 })
        {
            var buffer = new double[5];
            int gradientCalls = 0;
            var report = GradientCheck.Run(x => { Array.Clear(buffer); return F(x); },
                x => { gradientCalls++; ExactInto(x, buffer); buffer[2] *= factor; return buffer; }, [.. X0], new GradientCheckOptions { Mode = mode });

            Assert.Contains(report.Warnings, w => w.Contains("wrote into the array the gradient returned", StringComparison.Ordinal));
            Assert.Equal(4, gradientCalls); // twice (with the reentrancy check) per run, two runs
            if (factor == 1)
            {
                Assert.Equal(CheckOutcome.Passed, report.Outcome);
                continue;
            }
            var failure = Assert.Single(report.Failures);
            Assert.Equal((2, EntryVerdict.Mismatch, 2 * -0.75 * 0.25 * 1.05), (failure.Index, failure.Verdict, failure.Analytic));
        }
    }

    [Fact]
    public void The_run_again_counts_the_evaluations_of_both_runs_and_judges_like_a_clean_check()
    {
        var buffer = new double[5];
        int calls = 0;
        var clean = GradientCheck.Run(F, x => { ExactInto(x, buffer); return (double[])buffer.Clone(); }, [.. X0]);
        var rerun = GradientCheck.Run(x => { calls++; Array.Clear(buffer); return F(x); }, x => { ExactInto(x, buffer); return buffer; }, [.. X0]);

        Assert.Equal(calls, rerun.FunctionEvaluations);
        Assert.True(rerun.FunctionEvaluations > clean.FunctionEvaluations, $"{rerun.FunctionEvaluations} evaluations after a first run, {clean.FunctionEvaluations} clean");
        Assert.Equal(clean.Entries.Select(e => (e.Index, e.Verdict, e.Numeric)), rerun.Entries.Select(e => (e.Index, e.Verdict, e.Numeric)));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Float_gradients_are_read_in_place_as_well(CheckMode mode)
    {
        float[] c = [0.5f, 1.5f, -0.75f];
        var buffer = new float[3];
        float Loss(float[] x) => (c[0] * x[0] * x[0]) + (c[1] * x[1] * x[1]) + (c[2] * x[2] * x[2]);
        float[] Gradient(float[] x)
        {
            for (int i = 0; i < 3; i++) buffer[i] = 2 * c[i] * x[i];
            return buffer;
        }

        var report = GradientCheck.Run(Loss, Gradient, [1f, -0.5f, 0.25f], new GradientCheckOptions { Mode = mode });
        var wrong = GradientCheck.Run(Loss, x => { Gradient(x); buffer[1] *= 1.05f; return buffer; }, [1f, -0.5f, 0.25f], new GradientCheckOptions { Mode = mode });

        Assert.Equal(CheckOutcome.Passed, report.Outcome);
        if (mode == CheckMode.Full) Assert.Equal([1.0, -1.5, -0.375], report.Entries.OrderBy(e => e.Index).Select(e => e.Analytic)); // exact 2·c·x
        var failure = Assert.Single(wrong.Failures);
        Assert.Equal((1, (double)(-1.5f * 1.05f)), (failure.Index, failure.Analytic));
    }
}
