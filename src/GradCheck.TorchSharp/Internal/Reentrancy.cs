using GradCheck.Lines;

namespace GradCheck.TorchSharp.Internal;

/// <summary>
/// PyTorch's "Backward is not reentrant" check for autograd: two backward passes (of two forward passes) at the same
/// point must agree entry by entry, within the core's <see cref="CheckOptions.NondeterminismTolerance"/>
/// (0: bit-identical). The comparison and the failing entries are the core's (<see cref="ReentrancyEntries"/>); this
/// only walks the Jacobian's layout and names the entries as the check's reports do.
/// </summary>
internal static class Reentrancy
{
    /// <summary>
    /// The <see cref="EntryVerdict.NotReentrant"/> entries of one input's Jacobian block: <paramref name="first"/>[o][input]
    /// holds ∂output o / ∂input at [j·n + k] (j the output element, k the input element, n the input's size).
    /// </summary>
    public static List<EntryResult> Changed(double[][][] first, double[][][] second, int input, int n, Func<int, int, int, string> name, double tolerance)
    {
        var failures = new List<EntryResult>();
        for (int o = 0; o < first.Length; o++)
        {
            double[] a = first[o][input], b = second[o][input];
            foreach (int p in ReentrancyEntries.Changed(a, b, tolerance))
            {
                int k = p % n, j = p / n;
                failures.Add(ReentrancyEntries.Entry(k, name(k, o, j), a[p], b[p], tolerance));
            }
        }
        return failures;
    }
}
