using System.Globalization;
using GradCheck.Lines;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// The fast mode: per checked input, one random projection vᵀ·J·u (u random over the input, v random over all outputs)
/// compared with the directional derivative of vᵀ·f along u. One backward pass for all inputs and one adaptive estimate
/// (≈10 forward passes) per input, instead of one backward per output element and one estimate per Jacobian entry.
/// A wrong Jacobian block gives a wrong projection with probability 1 (continuous u and v); it is located to the input,
/// not to the entry: run the full mode on a failing input to see which entries are wrong.
/// </summary>
internal static class ProjectionCheck
{
    /// <summary>Directions have entries n/64 (n in ±1..64): continuous enough for detection, yet t·u is exact in float32 for power-of-two steps.</summary>
    private const double DirectionGrid = 64;

    /// <summary>Largest factor by which cancellation in vᵀ·f is allowed to raise the assumed rounding of its value.</summary>
    private const double MaxCancellation = 1e3;

    public static List<TensorInputReport> Check(Evaluator evaluator, Tensor[] targets, Tensor[] x, string[] names, int[] positions, double[][] snapshots,
        double[][] f0, ScalarType[] outputTypes, GradientCheckOptions core, LineCheck lines, ref int backwardPasses, List<string> warnings, bool reentrancy,
        List<EntryResult>[] contracts)
    {
        var random = new Random(lines.Seed);
        double[][] v = f0.Select(y => y.Select(_ => (random.NextDouble() * 2) - 1).ToArray()).ToArray();
        double[][] u = snapshots.Select(s => s.Select(_ => Direction(random)).ToArray()).ToArray();

        var gradient = Vjp(evaluator, targets, v, ref backwardPasses);
        // PyTorch's nondet check on the one backward pass this mode makes: judged per input element below.
        var again = reentrancy ? Vjp(evaluator, targets, v, ref backwardPasses) : gradient;

        double value = 0, magnitude = 0;
        for (int o = 0; o < f0.Length; o++)
            for (int j = 0; j < f0[o].Length; j++) (value, magnitude) = (value + (v[o][j] * f0[o][j]), magnitude + Math.Abs(v[o][j] * f0[o][j]));
        double cancellation = Math.Min(MaxCancellation, magnitude / Math.Max(Math.Abs(value), magnitude / MaxCancellation));
        if (magnitude == 0) cancellation = 1;
        string method = "random projection vᵀJu per input; " + lines.Method;

        var reports = new List<TensorInputReport>();
        for (int i = 0; i < x.Length; i++)
        {
            double epsilon = outputTypes.Select(TensorValues.Epsilon).Append(TensorValues.Epsilon(x[i].dtype)).Max();
            double[] terms = gradient[i].Select((g, k) => g * u[i][k]).ToArray();
            double analytic = terms.Sum();
            int before = evaluator.Evaluations;
            var probe = new DirectionProbe(x[i], snapshots[i], u[i], v, evaluator, names[i], value, epsilon * cancellation);
            var entry = lines.CheckDirection(probe, lines.Budget(epsilon, terms), 0, $"{names[i]} · u, all outputs · v (projection)", analytic);
            var entries = NotReentrant(gradient, again, i, names[i], x[i].shape, core.NondeterminismTolerance, warnings).Prepend(entry).Concat(contracts[i]).ToList();
            var report = lines.Report(entries, evaluator.Evaluations - before, LineCheck.Warnings([entry], 1, 0, value),
                snapshots[i].Length, TensorValues.Name(x[i].dtype), value, lines.Seed, method);
            reports.Add(new TensorInputReport(names[i], positions[i], x[i].shape, report));
        }
        return reports;
    }

    /// <summary>
    /// The elements of vᵀJ (the backward pass's gradient for one input) that a second forward and backward pass
    /// changed by more than the tolerance: failing entries, so a non-reentrant backward fails the projection check too.
    /// </summary>
    private static List<EntryResult> NotReentrant(double[][] first, double[][] second, int input, string name, long[] shape, double tolerance, List<string> warnings)
    {
        var failures = Reentrancy.Changed([[first[input]]], [[second[input]]], 0, first[input].Length,
            (k, _, _) => $"{name} {TensorValues.Index(shape, k)} of vᵀJ (v random)", tolerance);
        if (failures.Count > 0) warnings.Add(ReentrancyEntries.Summary($"The backward pass (w.r.t. {name})", failures, first[input].Length, tolerance));
        return failures;
    }

    private static double Direction(Random random)
    {
        int n = random.Next(1, (int)DirectionGrid + 1);
        return (random.Next(2) == 0 ? -n : n) / DirectionGrid;
    }

    /// <summary>∂(vᵀf)/∂x for every checked input, in one backward pass.</summary>
    private static double[][] Vjp(Evaluator evaluator, Tensor[] x, double[][] v, ref int backwardPasses)
    {
        using var scope = NewDisposeScope();
        var outputs = evaluator.Forward();
        AnalyticJacobian.ThrowIfUnconnected(outputs, evaluator.OutputNames);
        using var grad = enable_grad();
        Tensor anchor = x.Select(t => t.sum() * 0.0).Aggregate((a, b) => a + b);
        Tensor scalar = outputs.Select((y, o) => (y * tensor(v[o], dtype: y.dtype).reshape(y.shape)).sum()).Aggregate((a, b) => a + b) + anchor;
        var grads = torch.autograd.grad([scalar], x, null, retain_graph: false, create_graph: false, allow_unused: false);
        backwardPasses++;
        BackwardGuard.ThrowIfFaulted("the backward pass for the projection vᵀJ");
        return grads.Select((g, i) => SparseInputs.GradientValues(g, x[i])).ToArray();
    }

    /// <summary>vᵀ·f(x + t·u) as a function of t: all elements of one input move together.</summary>
    private sealed class DirectionProbe(Tensor tensor, double[] x0, double[] u, double[][] v, Evaluator evaluator, string name, double f0, double epsilon) : ILineFunction
    {
        private readonly double _uNormSquared = u.Sum(d => d * d);

        public double X => 0;

        public double F0 => f0;

        public double Epsilon => epsilon;

        public double Evaluate(double offset, out double actualOffset)
        {
            var moved = new double[x0.Length];
            double projected = 0;
            for (int k = 0; k < x0.Length; k++)
            {
                moved[k] = TensorValues.Round(tensor.dtype, x0[k] + (offset * u[k]));
                projected += (moved[k] - x0[k]) * u[k];
            }
            // The realised step along u (exactly offset when t·u is representable, as it is for power-of-two steps).
            actualOffset = projected / _uNormSquared;
            TensorValues.WriteAll(tensor, moved);
            double[][] values;
            try
            {
                values = evaluator.Values(() => string.Create(CultureInfo.InvariantCulture, $"{name} moved by {offset:G3}·u (projection)"));
            }
            finally
            {
                TensorValues.WriteAll(tensor, x0);
            }
            double sum = 0;
            for (int o = 0; o < values.Length; o++)
                for (int j = 0; j < values[o].Length; j++) sum += v[o][j] * values[o][j];
            return sum;
        }
    }
}
