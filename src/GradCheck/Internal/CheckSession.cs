using System.Numerics;
using GradCheck.FiniteDifferences;
using GradCheck.Verdicts;
using GradCheck.Workers;

namespace GradCheck.Internal;

/// <summary>
/// The engine's session for a scalar check, shared by the full and the fast check: f at the point (finite, deterministic),
/// the analytic gradient (read in place) and its reentrancy, f's measured noise, the workers that evaluate perturbed
/// points, and the top-up to the determinism floor. The checks build on it; it calls back into neither.
/// </summary>
internal static class CheckSession<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>Tops the check up to the evaluation floor of <see cref="GradientCheckOptions.DeterminismEvaluations"/> with repeats at the point.</summary>
    internal static void TopUp(Func<T[], T> function, T[] point, T[] snapshot, double f0, GradientCheckOptions options, int made, EvaluationCounter counter) =>
        DeterminismCheck.TopUp(function, point, snapshot, f0, options.NondeterminismTolerance, made,
            options.DeterminismEvaluations ?? GradientCheckDefaults.DeterminismEvaluationFloor, counter);

    /// <summary>
    /// The common start of the full and the fast check: f at the point (finite, deterministic), the analytic
    /// gradient (and its reentrancy), f's measured noise, and the workers that evaluate perturbed points.
    /// </summary>
    internal static (double F0, GradientValues<T> Analytic, double Noise, WorkerPool<T> Pool) Start(Func<T[], T> function, Func<T[], T[]> gradient,
        T[] point, CheckContext<T> context, GradientCheckOptions options, CancellationToken cancellation)
    {
        var (snapshot, counter, warnings) = (context.Snapshot, context.Counter, context.Warnings);
        double f0 = Prepare(function, point, snapshot, options, counter);
        T[] first = CheckInputs.GradientArray(gradient, point, snapshot, warnings);
        var analytic = options.CheckGradientReentrancy
            ? CheckReentrancy(gradient, point, snapshot, first, options, context, warnings)
            : context.Rerun.Keep(first);
        double noise = MeasureNoise(function, point, snapshot, f0, options, counter);
        double scale = GradientScale.Of(analytic);
        return (f0, analytic, noise, Workers(function, point, snapshot, f0, noise, options, context.Name, cancellation, scale));
    }

    /// <summary>f at the point, which must be finite, and the determinism check: the common start of every mode.</summary>
    internal static double Prepare(Func<T[], T> function, T[] point, T[] snapshot, GradientCheckOptions options, EvaluationCounter counter)
    {
        double f0 = CheckInputs.Value(function, point, counter, "the unperturbed point");
        CheckInputs.RequireFinite(f0, "f(point)");
        DeterminismCheck.Verify(function, point, snapshot, f0, options.NondeterminismTolerance, counter);
        return f0;
    }

    /// <summary>The adaptive scheme measures f's rounding noise; a fixed scheme keeps its exact evaluation count.</summary>
    internal static double MeasureNoise(Func<T[], T> function, T[] point, T[] snapshot, double f0, GradientCheckOptions options, EvaluationCounter counter) =>
        options.Scheme is null ? NoiseProbe.Measure(function, point, snapshot, f0, options.EffectiveSeed, options.NondeterminismTolerance, counter) : 0;

    /// <summary>The workers that evaluate f near the point: one on the caller's array, or one per thread on copies.</summary>
    internal static WorkerPool<T> Workers(Func<T[], T> function, T[] point, T[] snapshot, double f0, double noise, GradientCheckOptions options,
        Func<int, string> name, CancellationToken cancellation, double gradientScale = 0) =>
        new(array => new EvaluationWorker<T>(function, (x, _) => function(x), array, snapshot, f0, _ => f0, noise, options, name, cancellation, gradientScale),
            point, snapshot, options.MaxDegreeOfParallelism, cancellation);

    /// <summary>
    /// Calls the gradient a second time at the point: every entry that changed by more than
    /// <see cref="CheckOptions.NondeterminismTolerance"/> is a failing <see cref="EntryVerdict.NotReentrant"/>
    /// entry (PyTorch: "Backward is not reentrant"), whether or not the plan samples it. Returns the values to judge:
    /// the first call's, read in place. Neither call is copied when they agree bit for bit, which the fingerprints show
    /// even when the gradient returns the same array twice; a gradient that returned the same array twice with
    /// different values has lost its first call's values, so the changes are measured between a kept copy of the second
    /// call and a third.
    /// </summary>
    internal static GradientValues<T> CheckReentrancy(Func<T[], T[]> gradient, T[] point, T[] snapshot, T[] first, GradientCheckOptions options,
        CheckContext<T> context, List<string> warnings)
    {
        ulong firstPrint = GradientValues<T>.Fingerprint(first);   // before a second call can overwrite a reused array
        T[] again = CallAgain(gradient, point, snapshot, first.Length, "a second time");
        if (GradientValues<T>.Fingerprint(again) == firstPrint) return context.Rerun.Keep(again, firstPrint);
        if (!ReferenceEquals(again, first))
        {
            var judged = context.Rerun.Keep(first, firstPrint);
            AddChanges(judged, again, options, context, warnings, note: "");
            return judged;
        }
        var kept = GradientValues<T>.Copy(again);
        T[] third = CallAgain(gradient, point, snapshot, first.Length, "a third time");
        AddChanges(kept, third, options, context, warnings,
            note: " The gradient returned the same array on both calls, so the second call overwrote the first's values: the values shown are the second and a third call's.");
        return kept;
    }

    private static T[] CallAgain(Func<T[], T[]> gradient, T[] point, T[] snapshot, int length, string when)
    {
        T[] again;
        try
        {
            again = UserCode.Invoke(() => gradient(point), "The gradient", $"when called {when} at the same point");
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
        if (again is null || again.Length != length)
            throw new ArgumentException(
                $"The gradient returned {(again is null ? "null" : $"{again.Length} entries")} when called {when} at the same point, "
                + $"after {length} the first time; it must return one entry per coordinate every time.", nameof(gradient));
        return again;
    }

    private static void AddChanges(IReadOnlyList<double> first, T[] again, GradientCheckOptions options, CheckContext<T> context, List<string> warnings, string note)
    {
        // Compared as they are, not converted to a second array of doubles first: that array was a copy of the point.
        double tolerance = options.NondeterminismTolerance;
        var failures = context.NotReentrant;
        int before = failures.Count;
        for (int i = 0; i < again.Length; i++)
        {
            double second = double.CreateChecked(again[i]);
            if (!ReentrancyCheck.Same(first[i], second, tolerance)) failures.Add(ReentrancyCheck.Entry(i, context.Name(i), first[i], second, tolerance));
        }
        if (failures.Count > before) warnings.Add(ReentrancyCheck.Summary("The gradient", failures.GetRange(before, failures.Count - before), again.Length, tolerance) + note);
    }
}
