using System.Globalization;
using GradCheck.Lines;

namespace GradCheck.TorchSharp.Internal;

/// <summary>The core's determinism check for tensor functions: a second evaluation at the point must give the same outputs.</summary>
internal static class Determinism
{
    public static void Verify(Evaluator evaluator, double[][] first, GradientCheckOptions core, LineCheck lines, RandomnessHandling randomness) =>
        Compare(first, evaluator.Values("the unperturbed point (second evaluation, determinism check)"), core.NondeterminismTolerance, lines, randomness);

    /// <summary>
    /// The core's evaluation floor (<see cref="GradientCheckOptions.DeterminismEvaluations"/>, 342 by default): a check
    /// that made fewer evaluations repeats the unperturbed point until it has made that many, each repeat required to
    /// reproduce the outputs. Dropout that hits 2 % of calls escapes one repeat 98 times in 100, and 342 calls once in 1,000.
    /// </summary>
    public static void TopUp(Evaluator evaluator, double[][] first, GradientCheckOptions core, LineCheck lines, RandomnessHandling randomness)
    {
        while (evaluator.Evaluations < lines.DeterminismEvaluations)
            Compare(first, evaluator.Values("the unperturbed point (repeated, determinism check)"), core.NondeterminismTolerance, lines, randomness);
    }

    /// <summary>What to do about randomness, given how it was handled: the sentence every refusal of the adapter ends with.</summary>
    public static string Advice(RandomnessHandling randomness) => randomness == RandomnessHandling.Refuse
        ? " With GradCheck.TorchSharp: set TorchCheckOptions.Randomness = RandomnessHandling.ReplaySeed to re-seed the global generator before every evaluation "
          + "(dropout then draws the same mask every time, so a training-mode network can be checked), or RandomnessHandling.EvalMode to check a module in eval() mode."
        : string.Create(CultureInfo.InvariantCulture, $" Randomness handling {randomness} did not make it deterministic: the randomness does not come from TorchSharp's global generator (or the module is not the one passed in).");

    private static void Compare(double[][] first, double[][] again, double tolerance, LineCheck lines, RandomnessHandling randomness)
    {
        for (int o = 0; o < first.Length; o++)
        {
            for (int j = 0; j < first[o].Length; j++)
            {
                double a = first[o][j], b = again[o][j];
                bool same = tolerance == 0 ? a.Equals(b) : Math.Abs(a - b) <= tolerance;
                if (same) continue;
                throw new NonDeterministicFunctionException(
                    string.Create(CultureInfo.InvariantCulture, $"Output {o}, element {j}: ") + lines.NondeterminismMessage(a, b) + Advice(randomness));
            }
        }
    }
}
