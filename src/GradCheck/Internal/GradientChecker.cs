using System.Globalization;
using System.Numerics;
using GradCheck.Fast;
using GradCheck.FiniteDifferences;
using GradCheck.Verdicts;
using GradCheck.Workers;

namespace GradCheck.Internal;

/// <summary>The full, per-coordinate check: one finite-difference estimate per entry, each judged by the error budget.</summary>
internal static class GradientChecker<T> where T : IFloatingPointIeee754<T>
{
    // The options were validated by the public entry point (Preconditions.ValidOptions), once for the whole check.
    /// <param name="function">f, wrapped by the public entry point.</param>
    /// <param name="gradient">The analytic gradient under test.</param>
    /// <param name="point">Where to check; perturbed in place and restored.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="cancellation">Stops the check between evaluations.</param>
    /// <param name="snapshot">
    /// A copy of the point the caller already holds and will not change during the check (the model check's copy of the
    /// tensor): restored from instead of a second copy. Null: the check copies the point.
    /// </param>
    public static GradientReport Run(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, GradientCheckOptions options, CancellationToken cancellation,
        T[]? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(point);
        (function, gradient) = EvaluationHook.Wrap(function, gradient, options.BeforeEvaluation);
        // The gradient is read in place from the array it returned; when f wrote into that array during the check, the
        // verdicts were made on values that changed, so the check runs again on a private copy (see GradientValues).
        var first = RunOnce(function, gradient, point, options, GradientRerun.None, snapshot, cancellation);
        return first.Report ?? RunOnce(function, gradient, point, options, GradientRerun.After(first.Evaluations), snapshot, cancellation).Report!;
    }

    private static (GradientReport? Report, int Evaluations) RunOnce(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, GradientCheckOptions options,
        GradientRerun rerun, T[]? snapshot, CancellationToken cancellation)
    {
        if (options.Mode == CheckMode.Fast) return FastChecker<T>.Run(function, gradient, point, options, rerun, snapshot, cancellation);
        var context = CheckContext<T>.Create(point, options, rerun, snapshot);
        var (plan, name, counter, warnings) = (context.Plan, context.Name, context.Counter, context.Warnings);
        snapshot = context.Snapshot;
        try
        {
            var (f0, analytic, noise, pool) = Start(function, gradient, point, context, options, cancellation);
            var budget = new ErrorBudget(options, double.CreateChecked(CoordinateProbe<T>.MachineEpsilon()), analytic);
            int done = 0;
            var entries = ReentrancyCheck.Merge(pool.Map(plan.Indices, (worker, index) =>
            {
                var entry = JudgeEntry(worker, index, budget, analytic[index], name, options);
                if (options.Progress is { } progress)
                    progress.Report(new CheckProgress(Interlocked.Increment(ref done), plan.Indices.Count, counter.Count + pool.Evaluations));
                return entry;
            }), context.NotReentrant);
            int beforeTopUp = counter.Count + pool.Evaluations;
            TopUp(function, point, snapshot, f0, options, beforeTopUp, counter);
            // A progress bar's last value should be the report's count: the top-up comes after the last entry.
            if (counter.Count + pool.Evaluations > beforeTopUp)
                options.Progress?.Report(new CheckProgress(done, plan.Indices.Count, counter.Count + pool.Evaluations));
            if (!analytic.Unchanged()) return (null, counter.Count + pool.Evaluations);

            warnings.AddRange(EntryWarnings.For(entries, point.Length, ZeroFraction(snapshot), f0, resolvedAtOuterScale: budget.ResolvedAtOuterScale));
            var report = GradientReport.OfGradient<T>(new CheckFacts(entries, counter.Count + pool.Evaluations, warnings, Describe(options), plan.Seed),
                point.Length, f0, noise, options);
            return (report, report.FunctionEvaluations);
        }
        finally
        {
            // Every perturbation restores its own entry; this guards against a function that writes into the point.
            snapshot.CopyTo(point, 0);
        }
    }

    /// <summary>
    /// One coordinate's estimate and verdict. Evaluations that did not behave like a smooth function's (an irregular
    /// estimate) or that make the entry fail are repeated first: a different value is randomness inside f, which is
    /// refused rather than judged. With <paramref name="early"/>, an entry that passes decisively on a cheap estimate is
    /// decided on it (<see cref="EarlyDecision"/>); every other entry gets the full estimate.
    /// </summary>
    internal static EntryResult JudgeEntry(EvaluationWorker<T> worker, int index, ErrorBudget budget, double analytic, Func<int, string> name,
        GradientCheckOptions options, bool early = true)
    {
        worker.Coordinates.MoveTo(index);
        DerivativeEstimate? quick = null;
        int spent = 0;
        if (early && EarlyDecision.TryPass(worker.Estimator, worker.Coordinates, budget, index, name, analytic, out quick, out spent) is { } passed)
            return passed;
        var estimate = worker.Estimator.Estimate(worker.Coordinates);
        estimate = estimate with { Evaluations = estimate.Evaluations + spent };
        var entry = budget.Judge(index, name(index), analytic, estimate);
        if (EarlyDecision.NeedsRepeat(estimate, entry, quick)) worker.Coordinates.VerifyRepeatable(options.NondeterminismTolerance);
        if (entry.Verdict == EntryVerdict.Mismatch && estimate.LeftDerivative is null) entry = MismatchRecheck.Run(worker, index, budget, analytic, name, options, entry);
        return entry;
    }

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

    internal static string ElementTypeName() =>
        typeof(T) == typeof(double) ? "double" : typeof(T) == typeof(float) ? "float" : typeof(T).Name;

    internal static string Describe(GradientCheckOptions options)
    {
        string scheme = options.Scheme is { } fixedScheme
            ? string.Create(CultureInfo.InvariantCulture, $"{fixedScheme.Name} differences, step {(options.Step is { } s ? s.ToString("G3", CultureInfo.InvariantCulture) : "ε^(1/(p+1))·max(|x|,1)")}")
            : "adaptive central differences with Richardson extrapolation";
        string rule = options.Tolerance is { } tolerance ? $"fixed tolerance {tolerance}" : "error-budget tolerance";
        return $"{scheme}; {rule}";
    }

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
        if (GradientValues<T>.Fingerprint(again) == firstPrint) return context.Rerun.Keep(again);
        if (!ReferenceEquals(again, first))
        {
            var judged = context.Rerun.Keep(first);
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

    internal static double ZeroFraction(T[] point) => point.Length == 0 ? 0 : (double)point.Count(T.IsZero) / point.Length;
}
