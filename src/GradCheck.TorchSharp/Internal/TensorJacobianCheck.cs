using System.Globalization;
using GradCheck.Lines;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// The full Jacobian check behind every public entry point: analytic rows from autograd, numeric columns from the
/// core's estimators (one adaptive estimate per input element and output element, sharing forward passes), verdicts
/// from the core's error budget. Checked inputs are restored bit-exactly and global torch state is put back, whatever happens.
/// </summary>
internal static class TensorJacobianCheck
{
    public static TensorCheckReport Run(string title, Func<Tensor[], Tensor[]> function, Tensor[] inputs, IReadOnlyList<string>? names,
        TorchCheckOptions? options, nn.Module? module, bool valuesNeedGrad, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= TorchCheckOptions.Default;
        BackwardGuard.Clear(); // faults of earlier, unchecked backward passes are not this check's
        var core = options.Core;
        var lines = new LineCheck(core); // validates the core options before anything runs
        names ??= Enumerable.Range(0, inputs.Length).Select(i => string.Create(CultureInfo.InvariantCulture, $"input {i}")).ToArray();
        int[] checkedInputs = InputValidation.CheckedInputs(inputs, names, options.Precision);

        using var guard = new TorchStateGuard(module, options.SingleThreaded);
        if (options.Randomness == RandomnessHandling.EvalMode) module?.eval();
        using var scope = NewDisposeScope();
        Tensor[] work = options.Precision == CheckPrecision.Float64 ? inputs.Select(ToFloat64Copy).ToArray() : inputs;
        Tensor[] targets = checkedInputs.Select(i => work[i]).ToArray(); // what autograd differentiates
        Tensor[] x = targets.Select(SparseInputs.Perturbed).ToArray();     // what finite differences move
        double[][] snapshots = x.Select(TensorValues.Read).ToArray();
        try
        {
            long? seed = options.Randomness == RandomnessHandling.ReplaySeed ? options.ReplaySeed : null;
            var evaluator = new Evaluator(function, work, seed, valuesNeedGrad, options.SkipOutputsWithoutGrad, cancellation);
            return Check(title, evaluator, targets, x, checkedInputs.Select(i => SparseInputs.Name(names[i], work[i])).ToArray(), checkedInputs, snapshots, options, core, lines);
        }
        finally
        {
            // Every perturbation restores its own element; this also undoes a function that wrote into its inputs.
            for (int i = 0; i < x.Length; i++) TensorValues.WriteAll(x[i], snapshots[i]);
        }
    }

    private static Tensor ToFloat64Copy(Tensor t) =>
        !t.is_floating_point() || t.is_complex() ? t
        : t.is_sparse ? t.detach().to_dense().to(ScalarType.Float64).to_sparse().requires_grad_(t.requires_grad)
        : t.detach().to(ScalarType.Float64).contiguous().clone().requires_grad_(t.requires_grad);

    private static TensorCheckReport Check(string title, Evaluator evaluator, Tensor[] targets, Tensor[] x, string[] names, int[] positions, double[][] snapshots,
        TorchCheckOptions options, GradientCheckOptions core, LineCheck lines)
    {
        var f0 = evaluator.Values("the unperturbed point");
        ThrowIfInputsModified(x, names, snapshots); // before the determinism check, which would blame randomness
        long[][] outputShapes = evaluator.OutputShapes;
        ScalarType[] outputTypes = evaluator.OutputTypes;
        var outputNames = evaluator.OutputNames;
        ValidateFinite(f0, outputNames, outputShapes);
        Determinism.Verify(evaluator, f0, core, lines, options.Randomness);

        var warnings = new List<string>();
        int backwardPasses = 0;
        bool reentrancy = options.CheckBackwardReentrancy && core.CheckGradientReentrancy;
        string precision = string.Join("/", x.Select(t => TensorValues.Name(t.dtype)).Distinct());
        var outputs = outputNames.Select((name, o) => $"{name} {TensorValues.Shape(outputShapes[o])} ({TensorValues.Name(outputTypes[o])})").ToArray();
        var contracts = BackwardContracts.Check(evaluator, targets, names, options.CheckUndefinedGrad, core.NondeterminismTolerance);
        if (options.EffectiveMode == TorchCheckMode.Projection)
        {
            var projections = ProjectionCheck.Check(evaluator, targets, x, names, positions, snapshots, f0, outputTypes, core, lines,
                ref backwardPasses, warnings, reentrancy, contracts);
            ThrowIfInputsModified(x, names, snapshots);
            Determinism.TopUp(evaluator, f0, core, lines, options.Randomness);
            return new TensorCheckReport(title + " (projection)", projections, outputs, evaluator.Evaluations, backwardPasses, warnings, precision, evaluator.SkippedOutputs);
        }

        var jacobian = AnalyticJacobian.Compute(evaluator, targets, outputNames, ref backwardPasses);
        // PyTorch's nondet check: the repeat is judged per entry below, against the core's NondeterminismTolerance.
        var again = reentrancy ? AnalyticJacobian.Compute(evaluator, targets, outputNames, ref backwardPasses) : jacobian;
        ThrowIfInputsModified(x, names, snapshots);

        bool scalarOutput = f0.Length == 1 && f0[0].Length == 1;
        double fScale = f0.SelectMany(v => v).Select(Math.Abs).DefaultIfEmpty(0).Max();
        var reports = new List<TensorInputReport>();
        for (int i = 0; i < x.Length; i++)
        {
            long[] shape = x[i].shape;
            int n = checked((int)x[i].numel());
            var plan = lines.Plan(n);
            var budgets = Budgets(lines, jacobian, f0.Select(v => v.LongLength).ToArray(), i, x[i].dtype, outputTypes);
            var entries = new List<EntryResult>();
            int evaluationsBefore = evaluator.Evaluations;
            int input = i;
            string Name(int k, int o, int j) =>
                scalarOutput ? $"{names[input]} {TensorValues.Index(shape, k)}" : $"{names[input]} {TensorValues.Index(shape, k)} w.r.t. {outputNames[o]} {TensorValues.Index(outputShapes[o], j)}";
            // One thread whatever MaxDegreeOfParallelism says: TorchSharp 0.107 is not safe for forward passes on two threads
            // at once. Its temporary Scalars (alpha of every add, the exponent of pow) can be finalized by a garbage collection
            // that another thread triggers while libtorch still reads them: measured here, 20 of 40,000 forward passes of the
            // benchmark network failed inside libtorch ("INTERNAL ASSERT FAILED at c10/core/Scalar.h") on two threads with the
            // check's allocation pattern, none of 40,000 on one thread. A check must not fail for that.
            foreach (int k in plan.Indices)
            {
                var line = new ElementLine(x[i], k, snapshots[i][k], evaluator, $"{names[i]} {TensorValues.Index(shape, k)}", lines, options.Randomness);
                for (int o = 0; o < f0.Length; o++)
                {
                    for (int j = 0; j < f0[o].Length; j++)
                    {
                        var probe = new OutputLineProbe(line, o, j, f0[o][j], budgets[o].Epsilon);
                        double analytic = jacobian[o][i][((long)j * n) + k];
                        // Decided as early as the evidence allows, as in the core; a failure is rechecked on steps that cross no
                        // switch point (float32 ReLU modules failed 10 of 10 correct MLPs without it). The line caches its values by
                        // offset and repeats them, once per offset, where the core repeats its evaluations to refuse randomness;
                        // the determinism checks around the whole check refuse the rest.
                        entries.Add(lines.DecideEntry(probe, budgets[o].Rows[j], k, Name(k, o, j), analytic));
                    }
                }
                core.Progress?.Report(new CheckProgress(entries.Count, plan.Indices.Count * f0.Sum(v => v.Length), evaluator.Evaluations));
            }
            var notReentrant = Reentrancy.Changed(jacobian, again, i, n, Name, core.NondeterminismTolerance);
            if (notReentrant.Count > 0)
            {
                warnings.Add(ReentrancyEntries.Summary($"The backward pass (w.r.t. {names[i]})", notReentrant, jacobian.Sum(block => block[i].Length), core.NondeterminismTolerance));
                entries = ReentrancyEntries.Merge(entries, notReentrant).ToList();
            }
            entries.AddRange(contracts[i]);
            double zeros = snapshots[i].Length == 0 ? 0 : (double)snapshots[i].Count(v => v == 0) / snapshots[i].Length;
            var report = lines.Report(entries, evaluator.Evaluations - evaluationsBefore, LineCheck.Warnings(entries, n, zeros, fScale), n,
                TensorValues.Name(x[i].dtype), fScale, plan.Seed, lines.Method);
            reports.Add(new TensorInputReport(names[i], positions[i], shape, report));
        }

        Determinism.TopUp(evaluator, f0, core, lines, options.Randomness);
        return new TensorCheckReport(title, reports, outputs, evaluator.Evaluations, backwardPasses, warnings, precision, evaluator.SkippedOutputs);
    }

    /// <summary>Per output: the epsilon for this input (the coarser of input and output type) and one budget per Jacobian row.</summary>
    private static (double Epsilon, EntryBudget[] Rows)[] Budgets(LineCheck lines, double[][][] jacobian, long[] rowsPerOutput, int input, ScalarType inputType, ScalarType[] outputTypes)
    {
        var result = new (double, EntryBudget[])[jacobian.Length];
        for (int o = 0; o < jacobian.Length; o++)
        {
            double epsilon = Math.Max(TensorValues.Epsilon(inputType), TensorValues.Epsilon(outputTypes[o]));
            long rows = rowsPerOutput[o];
            var budgets = new EntryBudget[rows];
            for (long j = 0; j < rows; j++)
            {
                // The backward pass sums terms at the scale of the whole row (all inputs), as the core's budget assumes.
                var row = new List<double>();
                foreach (var block in jacobian[o])
                {
                    long width = block.LongLength / rows;
                    for (long k = 0; k < width; k++) row.Add(block[(j * width) + k]);
                }
                budgets[j] = lines.Budget(epsilon, row);
            }
            result[o] = (epsilon, budgets);
        }
        return result;
    }

    private static void ValidateFinite(double[][] f0, string[] outputNames, long[][] shapes)
    {
        for (int o = 0; o < f0.Length; o++)
        {
            int bad = Array.FindIndex(f0[o], v => !double.IsFinite(v));
            if (bad >= 0)
                throw new GradientCheckException(string.Create(CultureInfo.InvariantCulture,
                    $"{outputNames[o]} {TensorValues.Index(shapes[o], bad)} is {f0[o][bad]} at the point to check, so it has no derivative there. ")
                    + "Check the inputs (a log or division at 0?) or move the point into the function's domain.");
        }
    }

    private static void ThrowIfInputsModified(Tensor[] x, string[] names, double[][] snapshots)
    {
        for (int i = 0; i < x.Length; i++)
        {
            var now = TensorValues.Read(x[i]);
            for (int k = 0; k < now.Length; k++)
            {
                if (now[k].Equals(snapshots[i][k])) continue;
                throw new GradientCheckException(string.Create(CultureInfo.InvariantCulture,
                    $"The function modified its input {names[i]} {TensorValues.Index(x[i].shape, k)} (from {snapshots[i][k]:G17} to {now[k]:G17}). ")
                    + "Finite differences perturb the inputs in place, so the function must treat them as read-only (use out-of-place ops, or clone first).");
            }
        }
    }
}
