namespace GradCheck.Tests;

/// <summary>
/// PyTorch's "Backward is not reentrant": a gradient that changes on a second call at the same point fails with
/// NotReentrant entries naming each changed entry, both values, the change and the tolerance, in full and fast mode;
/// NondeterminismTolerance (PyTorch's nondet_tol) lets a declared nondeterministic backward through.
/// </summary>
public class ReentrancyTests
{
    // A dense layer f(W) = ½‖W·x − y‖² with W 2×3; every value is a small dyadic number, so the exact gradient
    // ∂f/∂W[o,i] = r[o]·x[i] (r = W·x − y) is computed without rounding.
    private static readonly double[] X = [1, -2, 0.5];
    private static readonly double[] Y = [0.25, -1];
    private static readonly double[] W0 = [0.5, -0.25, 1, -1, 0.75, 2];

    private static double[] Residual(double[] w) =>
        Enumerable.Range(0, 2).Select(o => Enumerable.Range(0, 3).Sum(i => w[(o * 3) + i] * X[i]) - Y[o]).ToArray();

    private static double Loss(double[] w) => Residual(w).Sum(r => 0.5 * r * r);

    private static double[] Exact(double[] w)
    {
        var r = Residual(w);
        return Enumerable.Range(0, 6).Select(k => r[k / 3] * X[k % 3]).ToArray();
    }

    /// <summary>The bug: the gradient callback adds (+=) into a buffer it never zeroes, right once and doubled the second time.</summary>
    private static Func<double[], double[]> Accumulating(params int[] accumulated)
    {
        var buffer = new double[6];
        return w =>
        {
            var exact = Exact(w);
            for (int k = 0; k < 6; k++) buffer[k] = accumulated.Contains(k) ? buffer[k] + exact[k] : exact[k];
            return [.. buffer];
        };
    }

    [Theory]
    [InlineData(CheckMode.Full)]
    [InlineData(CheckMode.Fast)]
    public void A_gradient_that_accumulates_into_a_buffer_it_never_zeroes_fails_in_every_entry(CheckMode mode)
    {
        var exact = Exact(W0);
        var report = GradientCheck.Run(Loss, Accumulating(0, 1, 2, 3, 4, 5), [.. W0], new GradientCheckOptions { Mode = mode });

        Assert.Equal(CheckOutcome.Failed, report.Outcome);
        Assert.Equal(Enumerable.Range(0, 6), report.Failures.Select(f => f.Index).Order());
        foreach (var failure in report.Failures)
        {
            Assert.Equal(EntryVerdict.NotReentrant, failure.Verdict);
            Assert.Equal($"x[{failure.Index}]", failure.Label);
            Assert.Equal(exact[failure.Index], failure.Analytic);      // the first call, the one a training step would use
            Assert.Equal(2 * exact[failure.Index], failure.Numeric);   // the second call: doubled
            Assert.Equal(Math.Abs(exact[failure.Index]), failure.AbsoluteError);
            Assert.Equal(0, failure.Tolerance);
        }
        Assert.Contains(report.Warnings, w => w.Contains("The gradient is not reentrant", StringComparison.Ordinal) && w.Contains("6 of 6 entries", StringComparison.Ordinal));
    }

    [Fact]
    public void The_failure_message_names_the_entry_both_values_the_change_the_tolerance_and_what_to_do()
    {
        // r = [1.25, −0.5]: ∂f/∂W[1,1] = −0.5·(−2) = 1, and 2 on the second call.
        var report = GradientCheck.Run(Loss, Accumulating(4), [.. W0]);

        var failure = Assert.Single(report.Failures);
        Assert.Equal((4, 1.0, 2.0), (failure.Index, failure.Analytic, failure.Numeric));
        string message = report.FailureMessage().ReplaceLineEndings("\n");
        Assert.Contains("x[4]: not reentrant: the derivative was 1, then 2 when computed again at the same point, a change of 1 > NondeterminismTolerance 0\n", message);
        Assert.Contains("Not reentrant: Zero accumulation buffers", message);
        Assert.Contains("NondeterminismTolerance to its noise", message);
        string table = report.ToString();
        Assert.StartsWith("FAILED: 5 of 6 entries ok (1 not reentrant)", table);
        Assert.Contains("NotReentrant", table);
        // The other entries were judged by finite differences as usual.
        Assert.Equal(5, report.Entries.Count(e => e.Verdict == EntryVerdict.Ok));
        Assert.Throws<GradientCheckFailedException>(report.ThrowIfFailed);
    }

    [Fact]
    public void A_changed_entry_fails_even_where_the_plan_does_not_sample()
    {
        var report = GradientCheck.Run(Loss, Accumulating(5), [.. W0], new GradientCheckOptions { Indices = [0, 1] });

        Assert.Equal([0, 1, 5], report.Entries.Select(e => e.Index));
        var failure = Assert.Single(report.Failures);
        Assert.Equal((5, EntryVerdict.NotReentrant, Exact(W0)[5]), (failure.Index, failure.Verdict, failure.Analytic));
    }

    /// <summary>±1e-12 per call, alternating, like an atomic-add reduction whose order changes between calls.</summary>
    private static Func<double[], double[]> Jittering()
    {
        var random = new Random(5);
        int calls = 0;
        return w =>
        {
            double sign = calls++ % 2 == 0 ? 1 : -1;
            return Exact(w).Select(g => g + (sign * 1e-12 * (1 + random.NextDouble()))).ToArray();
        };
    }

    [Theory]
    [InlineData(CheckMode.Full)]
    [InlineData(CheckMode.Fast)]
    public void A_tiny_nondeterminism_fails_by_default_and_passes_within_a_declared_tolerance(CheckMode mode)
    {
        var strict = GradientCheck.Run(Loss, Jittering(), [.. W0], new GradientCheckOptions { Mode = mode });
        Assert.Equal(CheckOutcome.Failed, strict.Outcome);
        Assert.Equal(6, strict.Failures.Count(f => f.Verdict == EntryVerdict.NotReentrant));
        Assert.All(strict.Failures, f => Assert.InRange(f.AbsoluteError, 2e-12, 4.0001e-12));

        var tolerant = GradientCheck.Run(Loss, Jittering(), [.. W0], new GradientCheckOptions { Mode = mode, NondeterminismTolerance = 1e-9 });
        Assert.Equal(CheckOutcome.Passed, tolerant.Outcome);
        Assert.DoesNotContain(tolerant.Entries, e => e.Verdict == EntryVerdict.NotReentrant);
        Assert.DoesNotContain(tolerant.Warnings, w => w.Contains("not reentrant", StringComparison.Ordinal));
    }

    [Fact]
    public void A_change_larger_than_the_tolerance_still_fails_and_the_message_states_the_tolerance()
    {
        var report = GradientCheck.Run(Loss, Accumulating(4), [.. W0], new GradientCheckOptions { NondeterminismTolerance = 1e-9 });

        var failure = Assert.Single(report.Failures);
        Assert.Equal((EntryVerdict.NotReentrant, 1e-9), (failure.Verdict, failure.Tolerance));
        Assert.Contains("a change of 1 > NondeterminismTolerance 1e-9", report.FailureMessage());
    }

    [Fact]
    public void Switching_the_check_off_calls_the_gradient_once_and_checks_the_first_result()
    {
        int calls = 0;
        var accumulating = Accumulating(0, 1, 2, 3, 4, 5);
        var report = GradientCheck.Run(Loss, w => { calls++; return accumulating(w); }, [.. W0], new GradientCheckOptions { CheckGradientReentrancy = false });

        Assert.Equal(1, calls);
        Assert.Equal(CheckOutcome.Passed, report.Outcome);
    }

    [Fact]
    public void A_float_gradient_that_accumulates_fails_too()
    {
        var buffer = new float[2];
        float[] Gradient(float[] x)
        {
            buffer[0] += 2 * x[0];
            buffer[1] = 2 * x[1];
            return [.. buffer];
        }
        var report = GradientCheck.Run(x => (x[0] * x[0]) + (x[1] * x[1]), Gradient, [1.5f, -0.5f]);

        var failure = Assert.Single(report.Failures);
        Assert.Equal((0, EntryVerdict.NotReentrant, 3.0, 6.0), (failure.Index, failure.Verdict, failure.Analytic, failure.Numeric));
    }
}
