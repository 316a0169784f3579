using System.Globalization;

namespace GradCheck.Internal;

/// <summary>
/// PyTorch's "Backward is not reentrant" check, shared by every checker (scalar gradient, model, Jacobian products,
/// TorchSharp): a derivative computed twice at the same point must give the same values, bit for bit, or within
/// <see cref="CheckOptions.NondeterminismTolerance"/> when the user declared the backward nondeterministic
/// (atomics, parallel sums). A second call that differs means the first result cannot be trusted either (a buffer
/// that accumulates without being zeroed is right once and wrong on every later training step), so each entry that
/// changed by more than the tolerance is a failing <see cref="EntryVerdict.NotReentrant"/> entry, never a warning.
/// </summary>
internal static class ReentrancyCheck
{
    /// <summary>True when a repeat reproduced a value: bit-identical (NaN = NaN), or within an absolute tolerance.</summary>
    public static bool Same(double first, double second, double tolerance) =>
        first.Equals(second) || Math.Abs(first - second) <= tolerance;

    /// <summary>The positions at which <paramref name="second"/> differs from <paramref name="first"/> by more than the tolerance.</summary>
    public static List<int> Changed(IReadOnlyList<double> first, IReadOnlyList<double> second, double tolerance)
    {
        var changed = new List<int>();
        for (int i = 0; i < first.Count; i++)
            if (!Same(first[i], second[i], tolerance)) changed.Add(i);
        return changed;
    }

    /// <summary>
    /// The failing entry: <see cref="EntryResult.Analytic"/> is the first call's value (the one a finite-difference
    /// check would judge), <see cref="EntryResult.Numeric"/> the second call's, <see cref="EntryResult.Tolerance"/>
    /// the nondeterminism tolerance the change exceeded.
    /// </summary>
    public static EntryResult Entry(int index, string name, double first, double second, double tolerance)
    {
        var entry = EntryResult.Compare(index, name, first, second, 0, tolerance, EntryVerdict.NotReentrant);
        // NaN on one call only is the largest change there is; it must sort first and read as such.
        return double.IsNaN(entry.AbsoluteError) ? entry with { AbsoluteError = double.PositiveInfinity, RelativeError = double.PositiveInfinity } : entry;
    }

    /// <summary>
    /// <paramref name="entries"/> with every entry of the same name replaced by its <see cref="EntryVerdict.NotReentrant"/>
    /// entry (a finite-difference verdict on a value the gradient does not reproduce means nothing), and the others
    /// (entries the plan did not sample, or that fast mode did not locate) appended: a change is a failure wherever it is.
    /// </summary>
    public static List<EntryResult> Merge(IEnumerable<EntryResult> entries, IReadOnlyCollection<EntryResult> notReentrant)
    {
        if (notReentrant.Count == 0) return entries.ToList();
        var byName = notReentrant.ToDictionary(e => e.Label);
        var merged = new List<EntryResult>();
        foreach (var entry in entries)
            merged.Add(byName.Remove(entry.Label, out var replacement) ? replacement with { Step = entry.Step, Evaluations = entry.Evaluations } : entry);
        merged.AddRange(notReentrant.Where(e => byName.ContainsKey(e.Label)));
        return merged;
    }

    /// <summary>One line for the warnings: how many entries changed, the largest change, and the tolerance it exceeded.</summary>
    public static string Summary(string call, IReadOnlyCollection<EntryResult> notReentrant, int total, double tolerance)
    {
        var worst = notReentrant.MaxBy(e => e.AbsoluteError)!;
        return string.Create(CultureInfo.InvariantCulture,
            $"{call} is not reentrant: a second call at the same point changed {notReentrant.Count} of {total} entries by more than NondeterminismTolerance = {tolerance:G3} ")
            + string.Create(CultureInfo.InvariantCulture, $"(largest change {worst.AbsoluteError:G3} at {worst.Label}: {worst.Analytic:G17}, then {worst.Numeric:G17}); they fail as NotReentrant. ")
            + Advice;
    }

    /// <summary>What to do about a backward that does not reproduce itself.</summary>
    public const string Advice =
        "Zero accumulation buffers (gradients, caches) before each backward pass instead of adding (+=) to what the last call left; "
        + "if the backward is nondeterministic by design (atomics, parallel sums), set GradientCheckOptions.NondeterminismTolerance to its noise.";
}
