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
    public static GradientReport Run(Func<T[], T> function, Func<T[], T[]> gradient, T[] point, GradientCheckOptions options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(point);
        (function, gradient) = EvaluationHook.Wrap(function, gradient, options.BeforeEvaluation);
        if (options.Mode == CheckMode.Fast) return FastChecker<T>.Run(function, gradient, point, options, cancellation);
        var context = CheckContext<T>.Create(point, options);
        var (plan, name, snapshot, counter, warnings) = (context.Plan, context.Name, context.Snapshot, context.Counter, context.Warnings);
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

            warnings.AddRange(EntryWarnings.For(entries, point.Length, ZeroFraction(snapshot), f0, resolvedAtOuterScale: budget.ResolvedAtOuterScale));
            return GradientReport.OfGradient<T>(new CheckFacts(entries, counter.Count + pool.Evaluations, warnings, Describe(options), plan.Seed),
                point.Length, f0, noise, options);
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
    internal static (double F0, double[] Analytic, double Noise, WorkerPool<T> Pool) Start(Func<T[], T> function, Func<T[], T[]> gradient,
        T[] point, CheckContext<T> context, GradientCheckOptions options, CancellationToken cancellation)
    {
        var (snapshot, counter, warnings) = (context.Snapshot, context.Counter, context.Warnings);
        double f0 = Prepare(function, point, snapshot, options, counter);
        double[] analytic = CheckInputs.Gradient(gradient, point, snapshot, warnings);
        if (options.CheckGradientReentrancy)
            context.NotReentrant.AddRange(CheckReentrancy(gradient, point, snapshot, analytic, options, context.Name, warnings));
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
    /// <see cref="GradientCheckOptions.NondeterminismTolerance"/> is a failing <see cref="EntryVerdict.NotReentrant"/>
    /// entry (PyTorch: "Backward is not reentrant"), whether or not the plan samples it.
    /// </summary>
    internal static List<EntryResult> CheckReentrancy(Func<T[], T[]> gradient, T[] point, T[] snapshot, double[] first, GradientCheckOptions options,
        Func<int, string> name, List<string> warnings)
    {
        T[] again;
        try
        {
            again = UserCode.Invoke(() => gradient(point), "The gradient", "when called a second time at the same point");
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
        if (again is null || again.Length != first.Length)
            throw new ArgumentException(
                $"The gradient returned {(again is null ? "null" : $"{again.Length} entries")} when called a second time at the same point, "
                + $"after {first.Length} the first time; it must return one entry per coordinate every time.", nameof(gradient));
        // Compared as they are, not converted to a second array of doubles first: that array was a copy of the point.
        double tolerance = options.NondeterminismTolerance;
        var failures = new List<EntryResult>();
        for (int i = 0; i < first.Length; i++)
        {
            double second = double.CreateChecked(again[i]);
            if (!ReentrancyCheck.Same(first[i], second, tolerance)) failures.Add(ReentrancyCheck.Entry(i, name(i), first[i], second, tolerance));
        }
        if (failures.Count > 0) warnings.Add(ReentrancyCheck.Summary("The gradient", failures, first.Length, tolerance));
        return failures;
    }

    internal static double ZeroFraction(T[] point) => point.Length == 0 ? 0 : (double)point.Count(T.IsZero) / point.Length;
}
