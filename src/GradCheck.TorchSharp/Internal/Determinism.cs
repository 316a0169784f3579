using System.Globalization;
using GradCheck.Internal;

namespace GradCheck.TorchSharp.Internal;

/// <summary>The core's determinism check for tensor functions: a second evaluation at the point must give the same outputs.</summary>
internal static class Determinism
{
    public static void Verify(Evaluator evaluator, double[][] first, double tolerance, RandomnessHandling randomness)
    {
        var again = evaluator.Values("the unperturbed point (second evaluation, determinism check)");
        for (int o = 0; o < first.Length; o++)
        {
            for (int j = 0; j < first[o].Length; j++)
            {
                double a = first[o][j], b = again[o][j];
                bool same = tolerance == 0 ? a.Equals(b) : Math.Abs(a - b) <= tolerance;
                if (same) continue;
                string advice = randomness == RandomnessHandling.Refuse
                    ? " With GradCheck.TorchSharp: set TorchCheckOptions.Randomness = RandomnessHandling.ReplaySeed to re-seed the global generator before every evaluation "
                      + "(dropout then draws the same mask every time, so a training-mode network can be checked), or RandomnessHandling.EvalMode to check a module in eval() mode."
                    : string.Create(CultureInfo.InvariantCulture, $" Randomness handling {randomness} did not make it deterministic: the randomness does not come from TorchSharp's global generator (or the module is not the one passed in).");
                throw new NonDeterministicFunctionException(
                    string.Create(CultureInfo.InvariantCulture, $"Output {o}, element {j}: ") + DeterminismCheck.Message(a, b, tolerance) + advice);
            }
        }
    }
}
