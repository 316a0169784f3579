using System.Globalization;

namespace GradCheck.TorchSharp.Internal;

/// <summary>PyTorch's nondet check: two backward passes (of two forward passes) at the same point must agree.</summary>
internal static class Reentrancy
{
    public static string? Describe(double[][][] first, double[][][] second)
    {
        int differing = 0;
        double worst = 0;
        for (int o = 0; o < first.Length; o++)
            for (int i = 0; i < first[o].Length; i++)
                for (long k = 0; k < first[o][i].LongLength; k++)
                {
                    if (first[o][i][k].Equals(second[o][i][k])) continue;
                    differing++;
                    worst = Math.Max(worst, Math.Abs(first[o][i][k] - second[o][i][k]));
                }
        return differing == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"The backward pass is not reentrant: a second forward and backward pass at the same point changed {differing} Jacobian entries (largest change {worst:G3}). ")
              + "A backward that depends on hidden state or randomness cannot be checked reliably; the first result was checked.";
    }
}
