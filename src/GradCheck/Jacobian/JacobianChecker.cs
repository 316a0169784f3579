using System.Globalization;
using GradCheck.Fast;
using GradCheck.Internal;
using GradCheck.Verdicts;
using GradCheck.Workers;

namespace GradCheck.Jacobian;

/// <summary>
/// Checks the derivative of f: Rⁿ → Rᵐ. Full mode: every (output, input) entry of the planned input columns, one
/// column at a time (the evaluations of a column serve all its outputs). Fast mode: vₖᵀJuₖ for random ±1 vectors
/// vₖ (outputs) and uₖ (inputs), compared with adaptive differences of vₖ·f along uₖ; failing directions are
/// bisected over the inputs and the located input columns are checked entry by entry.
/// </summary>
internal static class JacobianChecker
{
    /// <summary>Outputs combine into vₖ·f, whose rounding is that of Σ|yᵢ|, not of its (possibly cancelled) value; capped so a near-zero combination does not blind the check.</summary>
    private const double MaxNoiseScale = 1e4;

    // The options were validated by the public entry point (Preconditions.ValidOptions), once for the whole check.
    public static JacobianReport Run(Func<double[], double[]> function, Func<int, JacobianSource> source, double[] point, GradientCheckOptions options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(point);
        PointValidation.Validate(point);
        int n = point.Length;
        Func<int, string> name = options.EntryName ?? (j => $"x[{j}]");
        var snapshot = (double[])point.Clone();
        var counter = new EvaluationCounter();
        var warnings = new List<string>();
        try
        {
            double[] y0 = Prepare(function, point, options, counter);
            int m = y0.Length;
            var analytic = source(m);
            // The contracts are tested with a random ±1 upstream vector: scaling it by 2 is exact.
            var upstream = RademacherVector(analytic is JvpSource ? n : m, options.EffectiveSeed - 1);
            var contracts = analytic.Contracts(point, upstream, options.NondeterminismTolerance, warnings);
            snapshot.CopyTo(point, 0);

            var columns = new ColumnChecker(function, point, y0, counter, options, name, cancellation);
            var entries = new List<EntryResult>();
            IReadOnlyList<DirectionFailure> directionFailures = [];
            string method;
            int poolEvaluations = 0, directions = 0;
            // A product's contracts are tested with a random upstream vector; the full matrix draws nothing unless the plan samples.
            int? seed = analytic is MatrixSource ? null : options.EffectiveSeed;
            if (options.Mode == CheckMode.Full)
            {
                var plan = CheckPlan.Create(options, n);
                seed ??= plan.Seed;
                var matrix = analytic.Matrix(point);
                snapshot.CopyTo(point, 0);
                foreach (int j in plan.Indices)
                    entries.AddRange(columns.Check(j, Enumerable.Range(0, m).Select(i => matrix[i, j]).ToArray(), i => Row(matrix, i)));
                method = $"every (output, input) entry: {GradientChecker<double>.Describe(options)}";
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
                    + GradientChecker<double>.Describe(options);
            }
            warnings.AddRange(EntryWarnings.For(entries, n, GradientChecker<double>.ZeroFraction(snapshot), y0.Select(Math.Abs).DefaultIfEmpty(0).Max()));
            return GradientReport.OfJacobian(new CheckFacts(entries, counter.Count + poolEvaluations, warnings, method, seed), m, n,
                y0.Select(Math.Abs).DefaultIfEmpty(0).Max(), directions, contracts, directionFailures, options);
        }
        finally
        {
            snapshot.CopyTo(point, 0);
        }
    }

    private static FastOutcome Fast(Func<double[], double[]> function, JacobianSource analytic, double[] point, double[] snapshot, double[] y0,
        GradientCheckOptions options, Func<int, string> name, ColumnChecker columns, CancellationToken cancellation, out int poolEvaluations)
    {
        int directions = options.FastDirections ?? FastDefaults.Directions;
        var v = Enumerable.Range(0, directions).Select(k => RademacherVector(y0.Length, options.EffectiveSeed + 7_919 * (k + 1))).ToArray();
        var claimed = analytic.Directional(point, v);
        snapshot.CopyTo(point, 0);
        double[] phi0 = v.Select(vk => Combine(vk, y0)).ToArray();
        double absolute = y0.Sum(Math.Abs);
        double scale = phi0.Select(p => Math.Min(MaxNoiseScale, absolute / Math.Max(Math.Abs(p), double.Epsilon))).Prepend(1).Max();
        var fastOptions = options with { FunctionNoiseUlps = (options.FunctionNoiseUlps ?? GradientCheckDefaults.FunctionRoundingUlps) * scale };

        double Directional(double[] x, int k) => Combine(v[k], CallChecked(function, x, y0.Length));
        var pool = new WorkerPool<double>(
            array => new EvaluationWorker<double>(x => Directional(x, 0), Directional, array, snapshot, phi0[0], k => phi0[k], 0, fastOptions, name, cancellation),
            point, snapshot, options.MaxDegreeOfParallelism, cancellation);
        var plan = CheckPlan.Create(options, point.Length);
        var search = new FastSearch<double>(pool, claimed, fastOptions, name, Math.Pow(2, -52), inputs =>
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

    private static double[] Prepare(Func<double[], double[]> function, double[] point, GradientCheckOptions options, EvaluationCounter counter)
    {
        var snapshot = (double[])point.Clone();
        var y0 = Call(function, point, counter, "the unperturbed point");
        if (y0.Length == 0) throw new ArgumentException("The function returned no outputs; a Jacobian check needs at least one.");
        for (int i = 0; i < y0.Length; i++) CheckInputs.RequireFinite(y0[i], $"f(point)[{i}]");
        var again = Call(function, point, counter, "the unperturbed point (second evaluation)");
        if (!point.SequenceEqual(snapshot))
            throw new PointModifiedException("The function modified the point it was given. Finite differences perturb the point in place, so the function must treat it as read-only.");
        JacobianShapes.RequireLength(again, y0.Length, "The function");
        for (int i = 0; i < y0.Length; i++)
        {
            bool same = options.NondeterminismTolerance == 0 ? again[i].Equals(y0[i]) : Math.Abs(again[i] - y0[i]) <= options.NondeterminismTolerance;
            if (!same) throw new NonDeterministicFunctionException($"Output {i}: " + DeterminismCheck.Message(y0[i], again[i], options.NondeterminismTolerance));
        }
        return y0;
    }

    private static double[] Call(Func<double[], double[]> function, double[] x, EvaluationCounter counter, string where)
    {
        double[] y;
        try
        {
            y = UserCode.Invoke(() => function(x), "The function", $"at {where}");
        }
        finally
        {
            counter.Count++;
        }
        return y ?? throw new ArgumentException("The function returned null; it must return its outputs.");
    }

    private static double[] CallChecked(Func<double[], double[]> function, double[] x, int outputs)
    {
        var y = function(x);
        JacobianShapes.RequireLength(y, outputs, "The function");
        return y;
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
internal sealed class ColumnChecker(Func<double[], double[]> function, double[] point, double[] y0, EvaluationCounter counter,
    GradientCheckOptions options, Func<int, string> name, CancellationToken cancellation)
{
    private readonly OutputProbe _probe = new(function, point, y0, counter, name, cancellation);
    private readonly EntryEstimator _estimator = new(options);

    /// <summary>The entries ∂y[i]/∂x[j] of column j; <paramref name="rowScale"/> gives the analytic entries that set output i's rounding scale.</summary>
    public IEnumerable<EntryResult> Check(int j, double[] column, Func<int, double[]> rowScale)
    {
        _probe.MoveToInput(j);
        var results = new List<EntryResult>(column.Length);
        for (int i = 0; i < column.Length; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            _probe.SelectOutput(i);
            var estimate = _estimator.Estimate(_probe);
            var budget = new ErrorBudget(options, _probe.Epsilon, rowScale(i));
            results.Add(budget.Judge(i * point.Length + j, $"∂y[{i}]/∂{name(j)}", column[i], estimate));
        }
        return results;
    }
}
