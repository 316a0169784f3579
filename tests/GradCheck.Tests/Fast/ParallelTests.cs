using GradCheck.Internal;

namespace GradCheck.Tests.Fast;

public class ParallelTests
{
    [Theory]
    [InlineData(CheckMode.Full)]
    [InlineData(CheckMode.Fast)]
    public void ParallelRunGivesExactlyTheSequentialReport(CheckMode mode)
    {
        var problem = new SeparableCoupled(mode == CheckMode.Full ? 64 : 2_000, seed: 21);
        var gradient = problem.GradientWithBug(0.03, 7, 40);
        var sequential = GradientCheck.Run(problem.F, gradient, problem.Point, new GradientCheckOptions { Mode = mode });
        var parallel = GradientCheck.Run(problem.F, gradient, problem.Point, new GradientCheckOptions { Mode = mode, MaxDegreeOfParallelism = 2 });

        Assert.Equal(new[] { 7, 40 }, sequential.Failures.Select(f => f.Index));
        Assert.Equal(sequential.Entries, parallel.Entries);   // same order, bit-identical numbers
        Assert.Equal(sequential.FunctionEvaluations, parallel.FunctionEvaluations);
        Assert.Equal(sequential.Warnings, parallel.Warnings);
    }

    [Theory]
    [InlineData(CheckMode.Full)]
    [InlineData(CheckMode.Fast)]
    public void WorkersNeverTouchTheCallersPointAndNeverExceedTheDegreeOfParallelism(CheckMode mode)
    {
        var problem = new SeparableCoupled(mode == CheckMode.Full ? 32 : 1_000, seed: 22);
        var point = (double[])problem.Point.Clone();
        var original = (double[])point.Clone();
        int callsOnCallersArray = 0, concurrentOnCallersArray = 0, running = 0, mostRunning = 0;
        double F(double[] x)
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostRunning, now);
            if (ReferenceEquals(x, point))
            {
                Interlocked.Increment(ref callsOnCallersArray);
                if (now > 1) Interlocked.Increment(ref concurrentOnCallersArray);
            }
            try
            {
                return problem.F(x);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }

        var report = GradientCheck.Run(F, problem.GradientWithBug(0.1, 3), point,
            // No top-up: its repeats at the point come after the workers, on the caller's array (a full check of 32
            // coordinates that pass early makes fewer than the floor's 342 evaluations of its own).
            new GradientCheckOptions { Mode = mode, MaxDegreeOfParallelism = 2, DeterminismEvaluations = 0 });

        Assert.Equal(3, Assert.Single(report.Failures).Index);
        // Only the preparation uses the caller's array (f(point), the determinism check, the noise probe and, when the
        // probe's second differences look large, its closer look), before any worker starts.
        Assert.Contains(callsOnCallersArray, new[] { 2 + 2 * NoiseProbe.Directions, 2 + 4 * NoiseProbe.Directions });
        Assert.Equal(0, concurrentOnCallersArray);
        Assert.InRange(mostRunning, 1, 2);
        Assert.Equal(original, point);
    }

    [Fact]
    public void AnExceptionInAWorkerSurfacesAsTheCoreExceptionNotAnAggregate()
    {
        var problem = new SeparableCoupled(16, seed: 23);
        // Throws at finite-difference steps of x[5] (the noise probe's tiny shifts are allowed).
        double F(double[] x) => Math.Abs(x[5] - problem.Point[5]) > 1e-6 ? throw new InvalidOperationException("bad") : problem.F(x);
        var e = Assert.Throws<FunctionEvaluationException>(() => GradientCheck.Run(F, problem.Gradient, (double[])problem.Point.Clone(),
            new GradientCheckOptions { MaxDegreeOfParallelism = 2 }));
        Assert.Equal(5, e.Coordinate);
    }

    [Theory]
    [InlineData(CheckMode.Full, 1)]
    [InlineData(CheckMode.Full, 2)]
    [InlineData(CheckMode.Fast, 1)]
    [InlineData(CheckMode.Fast, 2)]
    public void CancellationStopsTheCheckAndLeavesThePointIntact(CheckMode mode, int threads)
    {
        var problem = new SeparableCoupled(200, seed: 24);
        var point = (double[])problem.Point.Clone();
        using var cancellation = new CancellationTokenSource();
        int calls = 0;
        double F(double[] x)
        {
            // Cancel once the workers are under way (after the preparation's evaluations).
            if (Interlocked.Increment(ref calls) == 20) cancellation.Cancel();
            return problem.F(x);
        }
        Assert.ThrowsAny<OperationCanceledException>(() => GradientCheck.Run(F, problem.Gradient, point,
            new GradientCheckOptions { Mode = mode, MaxDegreeOfParallelism = threads }, cancellation.Token));
        Assert.Equal(problem.Point, point);
    }

    [Fact]
    public void ADegreeOfParallelismBelowOneIsRefusedBeforeTheFunctionIsCalled()
    {
        int calls = 0;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(x => { calls++; return x[0]; }, x => [1.0], [1.0],
            new GradientCheckOptions { MaxDegreeOfParallelism = 0 }));
        Assert.Contains("MaxDegreeOfParallelism", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, calls);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
