namespace GradCheck;

/// <summary>
/// A random direction of the fast mode whose directional derivative (g·d, or vᵀJu for a Jacobian) disagreed with the
/// claim, or could not resolve it, while no single entry was located to blame. Not an entry of the gradient, so it is
/// listed in <see cref="GradientReport.DirectionFailures"/>, not in <see cref="GradientReport.Entries"/>; it makes
/// the report fail (Mismatch, NonFinite) or inconclusive (Inconclusive), and <see cref="GradientReport.Failures"/>
/// lists a failing one as <see cref="Entry"/>.
/// </summary>
public sealed class DirectionFailure
{
    private DirectionFailure(int direction, EntryResult entry)
    {
        Direction = direction;
        Entry = entry;
    }

    /// <summary>The direction's number, as the warnings name it (<c>random direction #3</c>).</summary>
    public int Direction { get; }

    /// <summary>The analytic directional derivative.</summary>
    public double Analytic => Entry.Analytic;

    /// <summary>The finite-difference estimate of it.</summary>
    public double Numeric => Entry.Numeric;

    /// <summary>The tolerance of the comparison.</summary>
    public double Tolerance => Entry.Tolerance;

    /// <summary>Mismatch or NonFinite (the report fails), or Inconclusive (neither a failure nor a pass was earned).</summary>
    public EntryVerdict Verdict => Entry.Verdict;

    /// <summary>
    /// The direction as a report row, named like <c>g·d (direction #3)</c>, as reports print it. Its
    /// <see cref="EntryResult.Index"/> is −1: it belongs to no coordinate.
    /// </summary>
    public EntryResult Entry { get; }

    internal static DirectionFailure Of(int direction, EntryResult row) => new(direction, row with { Index = -1 });
}
