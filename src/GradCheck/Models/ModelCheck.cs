using System.Globalization;
using System.Numerics;
using GradCheck.Internal;
using GradCheck.Models;
using GradCheck.Reporting;
using GradCheck.Verdicts;

namespace GradCheck;

/// <summary>
/// Checks a whole model's hand-written backward pass, one report per parameter tensor, with a diagnosis of
/// the likely bug for each failing tensor. The parameters are perturbed in place and are bit-identical
/// afterwards, whatever happens (failure, exception, cancellation).
/// </summary>
/// <example>
/// <code>
/// var report = ModelCheck.Run(model, new GradientCheckOptions { SampleSize = 16 }); // 16 entries of every tensor
/// Console.WriteLine(report);
/// report.ThrowIfFailed();   // "fc1.weight: transposed …  fc1.weight[3,7]: analytic …, numeric …"
/// </code>
/// </example>
public static class ModelCheck
{
    /// <summary>Checks every parameter tensor of <paramref name="model"/> (or a sample of each) against finite differences of its loss.</summary>
    /// <param name="model">The model, at the point to check (trained or random weights, not all zeros).</param>
    /// <param name="options">
    /// Null for the defaults. For models, <see cref="GradientCheckOptions.SampleSize"/> is the number of entries
    /// checked in <em>every</em> tensor (stratified: small tensors are never crowded out by big ones), and
    /// <see cref="GradientCheckOptions.Indices"/> are flat indices into the parameters concatenated in order.
    /// <see cref="GradientCheckOptions.EntryName"/>, when set, receives those flat indices; by default entries are
    /// named by tensor and multi-index (<c>fc1.weight[3,7]</c>).
    /// </param>
    /// <param name="cancellationToken">Stops the check between evaluations; the parameters are restored.</param>
    /// <returns>One <see cref="ParameterReport"/> per checked tensor plus the flat details.</returns>
    /// <exception cref="InvalidModelException">The model's parameters are inconsistent (duplicate names, no parameters).</exception>
    public static ModelReport Run<T>(IDifferentiableModel<T> model, GradientCheckOptions? options = null, CancellationToken cancellationToken = default)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        options = Preconditions.ValidOptions(options); // once for every tensor, and before the model is called
        var parameters = ModelValidation.Parameters(model);
        var plan = ModelCheckPlan.Create(options, parameters);
        var snapshot = new ParameterSnapshot<T>(parameters);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var zeroing = GradientZeroing.For(model, parameters, options);
            var analytic = AnalyticGradient<T>.Compute(model, parameters, snapshot, options.CheckGradientReentrancy, options.BeforeEvaluation, zeroing);
            double modelScale = GradientScale.Of(plan.Tensors.SelectMany(t => analytic[t.Index]).Select(double.CreateChecked));
            var reports = new List<ParameterReport>(plan.Tensors.Count);
            var notes = zeroing is null ? new List<string>() : [zeroing.Note];
            int evaluations = 1;
            foreach (var tensor in plan.Tensors)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var parameter = parameters[tensor.Index];
                var tensorOptions = tensor.Options with
                {
                    // The evaluation floor that exposes rare randomness holds for the whole model, not each tensor.
                    DeterminismEvaluations = options.DeterminismEvaluations
                                             ?? (GradientCheckDefaults.DeterminismEvaluationFloor + plan.Tensors.Count - 1) / plan.Tensors.Count,
                    Progress = options.Progress is { } progress ? new OffsetProgress(progress, plan, tensor, evaluations) : null,
                    // Replayed here, before each Loss(), rather than by the core around the cached Backward() results too.
                    BeforeEvaluation = null,
                    // A tensor whose gradient is zero at float precision is resolved at the model's scale.
                    ResolutionScale = modelScale,
                };
                var report = CheckTensor(model, parameter, snapshot, tensor.Index, analytic.Calls(tensor.Index), tensorOptions, options.BeforeEvaluation, cancellationToken);
                evaluations += report.FunctionEvaluations;
                var diagnosis = report.Outcome != CheckOutcome.Failed ? null : Models.Diagnosis.FailureDiagnosis.Diagnose(report.Entries, parameter.Shape, snapshot.ValuesAsDoubles(tensor.Index));
                reports.Add(new ParameterReport(parameter.Name, parameter.Shape, plan.Offsets[tensor.Index], report, diagnosis));
                if (ZeroAtPrecision(analytic[tensor.Index], modelScale) is { } largest && report.Entries.Count > 0)
                    notes.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{parameter.Name}: its gradient is zero at floating-point precision (largest entry {ReportNumber.Format(largest)} against the model's {ReportNumber.Format(modelScale)}, as for a bias followed by batch norm), ")
                        + $"so each entry was checked to be zero within its tolerance at the model's scale (at most {ReportNumber.Format(report.Entries.Max(e => e.Tolerance))}); a formula error smaller than that would pass.");
            }
            return new ModelReport(reports, notes, evaluations, plan.Dimension, analytic.Loss);
        }
        finally
        {
            snapshot.Restore();
        }
    }

    /// <summary>The tensor's largest analytic entry when it is zero at floating-point precision against the model's (see <see cref="GradientCheckDefaults.ZeroGradientUlps"/>), else null.</summary>
    private static double? ZeroAtPrecision<T>(T[] gradient, double modelScale) where T : IFloatingPointIeee754<T>
    {
        double largest = GradientScale.Of(gradient.Select(double.CreateChecked));
        return GradientScale.IsZeroAgainst(largest, modelScale, double.CreateChecked(CoordinateProbe<T>.MachineEpsilon())) ? largest : null;
    }

    /// <summary>
    /// The per-tensor check: the core check runs on a copy of the tensor, and the function writes the perturbed
    /// copy into the model's memory (or through its setter) before each forward pass. The copy costs one memcpy of the tensor per
    /// evaluation (no more than the forward pass reads), and keeps every core guarantee: determinism check,
    /// error budget, kinks, warnings.
    /// </summary>
    private static GradientReport CheckTensor<T>(IDifferentiableModel<T> model, Parameter<T> parameter, ParameterSnapshot<T> snapshot, int tensorIndex,
        Func<T[], T[]> analytic, GradientCheckOptions options, Action? beforeLoss, CancellationToken cancellationToken)
        where T : IFloatingPointIeee754<T>
    {
        // The core dispatches on options.Mode, so CheckMode.Fast gives each tensor its own random-projection check
        // with localisation; the snapshot/restore around this call covers it like the full check.
        var buffer = snapshot.Values(tensorIndex).ToArray();
        var storage = parameter.Storage;
        T Function(T[] point)
        {
            storage.WriteValues(point);
            beforeLoss?.Invoke();
            return model.Loss();
        }
        try
        {
            return ScalarCheck<T>.Run(Function, analytic, buffer, options, cancellationToken, snapshot: snapshot.Copy(tensorIndex));
        }
        finally
        {
            // The next tensor is checked with this one at its original values.
            snapshot.Restore(tensorIndex);
        }
    }
}
