using System.Globalization;
using System.Numerics;
using GradCheck.Fast;
using GradCheck.Internal;
using GradCheck.Verdicts;
using GradCheck.Workers;

namespace GradCheck.Jacobian;

/// <summary>
/// Checks the derivative of f: Rⁿ → Rᵐ. Full mode: every (output, input) entry of the planned input columns, one
/// column at a time (the evaluations of a column serve all its outputs). Fast mode: vₖᵀJuₖ for random ±1 vectors
/// vₖ (outputs) and uₖ (inputs), compared with adaptive differences of vₖ·f along uₖ; failing directions are
/// bisected over the inputs and the located input columns are checked entry by entry. Generic over the element type
/// as <see cref="GradientChecker{T}"/> is: the caller's T[] is perturbed in place, and the probes give the estimator
/// T's steps and epsilon; values are compared in double, to which every T converts exactly.
/// </summary>
internal static class JacobianChecker<T> where T : IFloatingPointIeee754<T>
{
    // The options were validated by the public entry point (Preconditions.ValidOptions), once for the whole check.
    public static JacobianReport Run(Func<T[], T[]> function, Func<int, JacobianSource<T>> source, T[] point, GradientCheckOptions options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(point);
        PointValidation.Validate(point);
        int n = point.Length;
        Func<int, string> name = options.EntryName ?? (j => $"x[{j}]");
        var snapshot = (T[])point.Clone();
        var counter = new EvaluationCounter();
        var warnings = new List<string>();
        try
        {
            double[] y0 = Prepare(function, point, options, counter);
            int m = y0.Length;
            var analytic = source(m);
            // The contracts are tested with a random ±1 upstream vector: scaling it by 2 is exact.
            var upstream = RademacherVector(analytic is JvpSource<T> ? n : m, options.EffectiveSeed - 1);
            var contracts = analytic.Contracts(point, upstream, options.NondeterminismTolerance, warnings);
            snapshot.CopyTo(point, 0);

            var columns = new ColumnChecker<T>(function, point, y0, counter, options, name, cancellation);
            var entries = new List<EntryResult>();
            IReadOnlyList<DirectionFailure> directionFailures = [];
            string method;
            int poolEvaluations = 0, directions = 0;
            // A product's contracts are tested with a random upstream vector; the full matrix draws nothing unless the plan samples.
            int? seed = analytic is MatrixSource<T> ? null : options.EffectiveSeed;
            if (options.Mode == CheckMode.Full)
            {
                var plan = CheckPlan.Create(options, n);
                seed ??= plan.Seed;
                var matrix = analytic.Matrix(point);
                snapshot.CopyTo(point, 0);
                foreach (int j in plan.Indices)
                    entries.AddRange(columns.Check(j, Enumerable.Range(0, m).Select(i => matrix[i, j]).ToArray(), i => Row(matrix, i)));
                method = $"every (output, input) entry: {CheckDescription.Method(options)}";
            }
            else
            {
                var outcome = Fast(function, analytic, point, snapshot, y0, options, name, columns, cancellation, out poolEvaluations);
                entries.AddRange(outcome.Entries);
                directionFailures = outcome.DirectionFailures;
                warnings.AddRange(outcome.Warnings);
                directions = outcome.Detections.Count;
                seed = options.EffectiveSeed;
                method = string.Create(CultureInfo.InvariantCulture,
                    $"fast mode: vᵀJu for {outcome.Detections.Count} random ±1 pairs (seed {options.EffectiveSeed}); any single entry off by more than {outcome.GuaranteedDetection:G3} fails every pair; ")
                    + CheckDescription.Method(options);
            }
            warnings.AddRange(EntryWarnings.For(entries, n, CheckInputs.ZeroFraction(snapshot), y0.Select(Math.Abs).DefaultIfEmpty(0).Max()));
            return GradientReport.OfJacobian<T>(new CheckFacts(entries, counter.Count + poolEvaluations, warnings, method, seed), m, n,
                y0.Select(Math.Abs).DefaultIfEmpty(0).Max(), directions, contracts, directionFailures, options);
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
    }

    private static FastOutcome Fast(Func<T[], T[]> function, JacobianSource<T> analytic, T[] point, T[] snapshot, double[] y0,
        GradientCheckOptions options, Func<int, string> name, ColumnChecker<T> columns, CancellationToken cancellation, out int poolEvaluations)
    {
        int directions = options.FastDirections ?? FastDefaults.Directions;
        var v = Enumerable.Range(0, directions).Select(k => RademacherVector(y0.Length, options.EffectiveSeed + 7_919 * (k + 1))).ToArray();
        var claimed = analytic.Directional(point, v);
        snapshot.CopyTo(point, 0);
        // Rounded to T as every evaluation along the directions is (Directional below), so that differences against it are consistent.
        double[] phi0 = v.Select(vk => double.CreateChecked(T.CreateChecked(Combine(vk, y0)))).ToArray();
        // Outputs combine into vₖ·f, whose rounding is that of Σ|yᵢ|, not of its (possibly cancelled) value: the workers
        // take it as the absolute noise of every directional value, so each direction is judged by its own rounding in
        // T's precision (a scale shared by all directions, set by the most cancelled one, drowned float32 checks).
        double noise = (options.FunctionNoiseUlps ?? GradientCheckDefaults.FunctionRoundingUlps) * CheckInputs.Epsilon<T>() * y0.Sum(Math.Abs);

        // vₖ·f is summed in double and rounded once to T, the type the workers evaluate in: that rounding (½ ulp of
        // |vₖ·f|) is below the rounding of the outputs themselves, which the noise already assumes (ulps of Σ|yᵢ|).
        T Directional(T[] x, int k) => T.CreateChecked(Combine(v[k], CallChecked(function, x, y0.Length)));
        var pool = new WorkerPool<T>(
            array => new EvaluationWorker<T>(x => Directional(x, 0), Directional, array, snapshot, phi0[0], k => phi0[k], noise, options, name, cancellation),
            point, snapshot, options.MaxDegreeOfParallelism, cancellation);
        var plan = CheckPlan.Create(options, point.Length);
        var search = new FastSearch<T>(pool, claimed, options, name, CheckInputs.Epsilon<T>(), inputs =>
        {
            // The pool is idle between levels, so the column check may use the caller's point.
            var entries = new List<EntryResult>();
            foreach (int j in inputs)
            {
                var column = analytic.Column(point, j);
                snapshot.CopyTo(point, 0);
                entries.AddRange(columns.Check(j, column, _ => column));
            }
            return entries;
        }) { DirectionLabel = "vᵀJu" };
        var outcome = search.Run(plan.Indices);
        poolEvaluations = pool.Evaluations;
        return outcome;
    }

    private static double[] Prepare(Func<T[], T[]> function, T[] point, GradientCheckOptions options, EvaluationCounter counter)
    {
        var snapshot = (T[])point.Clone();
        var y0 = Call(function, point, counter, "the unperturbed point");
        if (y0.Length == 0) throw new ArgumentException("The function returned no outputs; a Jacobian check needs at least one.");
        for (int i = 0; i < y0.Length; i++) CheckInputs.RequireFinite(y0[i], $"f(point)[{i}]");
        var again = Call(function, point, counter, "the unperturbed point (second evaluation)");
        if (!CheckInputs.BitIdentical(point, snapshot))
            throw new PointModifiedException("The function modified the point it was given. Finite differences perturb the point in place, so the function must treat it as read-only.");
        JacobianShapes.RequireLength(again, y0.Length, "The function");
        for (int i = 0; i < y0.Length; i++)
        {
            bool same = options.NondeterminismTolerance == 0 ? again[i].Equals(y0[i]) : Math.Abs(again[i] - y0[i]) <= options.NondeterminismTolerance;
            if (!same) throw new NonDeterministicFunctionException($"Output {i}: " + DeterminismCheck.Message(y0[i], again[i], options.NondeterminismTolerance));
        }
        return y0;
    }

    private static double[] Call(Func<T[], T[]> function, T[] x, EvaluationCounter counter, string where)
    {
        T[] y;
        try
        {
            y = UserCode.Invoke(() => function(x), "The function", $"at {where}");
        }
        finally
        {
            counter.Count++;
        }
        return y is null ? throw new ArgumentException("The function returned null; it must return its outputs.") : JacobianVectors.ToDouble(y);
    }

    private static double[] CallChecked(Func<T[], T[]> function, T[] x, int outputs)
    {
        var y = function(x);
        JacobianShapes.RequireLength(y, outputs, "The function");
        return JacobianVectors.ToDouble(y);
    }

    private static double Combine(double[] v, double[] y)
    {
        var sum = new CompensatedSum();
        for (int i = 0; i < y.Length; i++) sum.Add(v[i] * y[i]);
        return sum.Value;
    }

    private static double[] Row(double[,] matrix, int i) => Enumerable.Range(0, matrix.GetLength(1)).Select(j => matrix[i, j]).ToArray();

    private static double[] RademacherVector(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.Next(2) == 0 ? -1.0 : 1.0).ToArray();
    }
}

/// <summary>Checks one input column entry by entry: one adaptive difference per output, sharing evaluations through the probe's cache.</summary>
internal sealed class ColumnChecker<T>(Func<T[], T[]> function, T[] point, double[] y0, EvaluationCounter counter,
    GradientCheckOptions options, Func<int, string> name, CancellationToken cancellation)
    where T : IFloatingPointIeee754<T>
{
    private readonly OutputProbe<T> _probe = new(function, point, y0, counter, name, cancellation);

    /// <summary>
    /// An estimator per scale of the analytic entries: in float32 the first step depends on it (as for a gradient, whose
    /// scale is its largest entry); in double it does not, and every row shares one.
    /// </summary>
    private readonly Dictionary<double, EntryEstimator> _estimators = [];

    /// <summary>The entries ∂y[i]/∂x[j] of column j; <paramref name="rowScale"/> gives the analytic entries that set output i's rounding scale.</summary>
    public IEnumerable<EntryResult> Check(int j, double[] column, Func<int, double[]> rowScale)
    {
        _probe.MoveToInput(j);
        var results = new List<EntryResult>(column.Length);
        for (int i = 0; i < column.Length; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            _probe.SelectOutput(i);
            var scale = rowScale(i);
            var estimate = EstimatorFor(GradientScale.Of(scale)).Estimate(_probe);
            var budget = new ErrorBudget(options, _probe.Epsilon, scale);
            results.Add(budget.Judge(i * point.Length + j, $"∂y[{i}]/∂{name(j)}", column[i], estimate));
        }
        return results;
    }

    private EntryEstimator EstimatorFor(double scale)
    {
        if (!EntryEstimator.FirstStepDependsOnScale(_probe.Epsilon)) scale = 0;
        if (!_estimators.TryGetValue(scale, out var estimator)) _estimators[scale] = estimator = new EntryEstimator(options, scale);
        return estimator;
    }
}
