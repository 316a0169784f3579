using GradCheck.Internal;

namespace GradCheck.Lines;

/// <summary>
/// PyTorch's "Backward is not reentrant" check, for adapters that compute their derivatives twice: the entries a
/// second call changed by more than the tolerance fail as <see cref="EntryVerdict.NotReentrant"/>, with the core's
/// wording. The tolerance is the options' <see cref="CheckOptions.NondeterminismTolerance"/> (0: bit-identical).
/// </summary>
public static class ReentrancyEntries
{
    /// <summary>The positions at which <paramref name="second"/> differs from <paramref name="first"/> by more than <paramref name="tolerance"/>.</summary>
    /// <param name="first">The first call's values.</param>
    /// <param name="second">The second call's values, in the same order.</param>
    /// <param name="tolerance">The largest change accepted.</param>
    public static IReadOnlyList<int> Changed(IReadOnlyList<double> first, IReadOnlyList<double> second, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return ReentrancyCheck.Changed(first, second, tolerance);
    }

    /// <summary>The failing entry: analytic the first call's value, numeric the second's, tolerance the one exceeded.</summary>
    /// <param name="index">The entry's flat index.</param>
    /// <param name="name">The entry's name.</param>
    /// <param name="first">The first call's value.</param>
    /// <param name="second">The second call's value.</param>
    /// <param name="tolerance">The tolerance the change exceeded.</param>
    public static EntryResult Entry(int index, string name, double first, double second, double tolerance) =>
        ReentrancyCheck.Entry(index, name, first, second, tolerance);

    /// <summary>
    /// <paramref name="entries"/> with every entry of the same name replaced by its NotReentrant entry, and the other
    /// NotReentrant entries appended: a change is a failure wherever it is.
    /// </summary>
    /// <param name="entries">The finite-difference entries.</param>
    /// <param name="notReentrant">The NotReentrant entries.</param>
    public static IReadOnlyList<EntryResult> Merge(IEnumerable<EntryResult> entries, IReadOnlyCollection<EntryResult> notReentrant)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(notReentrant);
        return ReentrancyCheck.Merge(entries, notReentrant);
    }

    /// <summary>One line for the warnings: how many entries changed, the largest change, the tolerance, and what to do.</summary>
    /// <param name="call">What was called twice, e.g. "The backward pass (w.r.t. input 0)".</param>
    /// <param name="notReentrant">The NotReentrant entries (at least one).</param>
    /// <param name="total">Entries compared in all.</param>
    /// <param name="tolerance">The tolerance they exceeded.</param>
    public static string Summary(string call, IReadOnlyCollection<EntryResult> notReentrant, int total, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(notReentrant);
        if (notReentrant.Count == 0) throw new ArgumentException("There is nothing to summarise: no entry changed.", nameof(notReentrant));
        return ReentrancyCheck.Summary(call, notReentrant, total, tolerance);
    }
}
