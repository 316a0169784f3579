using GradCheck.Internal;

namespace GradCheck.Fast;

/// <summary>
/// A Rademacher direction: independent ±1 signs on the checked coordinates (0 elsewhere). With ±1 entries a
/// single wrong gradient entry δ changes g·d by exactly |δ|, whatever the dimension, which is what makes the
/// detection power a statement about tolerances rather than luck (docs/fast-mode.md).
/// </summary>
internal sealed class RandomDirection
{
    public static RandomDirection Empty { get; } = new(-1, [], RademacherSigns.Empty);

    /// <summary>The checked coordinates, shared by every direction of a check; null: all of them in order, not materialised.</summary>
    private readonly int[]? _coordinates;

    private readonly RademacherSigns _signs;

    private RandomDirection(int number, int[]? coordinates, RademacherSigns signs)
    {
        Number = number;
        _coordinates = coordinates;
        _signs = signs;
    }

    /// <summary>Position among the directions of a check (0-based), for messages.</summary>
    public int Number { get; }

    /// <summary>How many coordinates the direction moves.</summary>
    public int Length => _signs.Count;

    /// <summary>
    /// The coordinate at position <paramref name="p"/> of the direction's list, the order segments are cut from: the
    /// checked coordinates in the order the plan gives them.
    /// </summary>
    public int Coordinate(int p) => _coordinates is null ? p : _coordinates[p];

    /// <summary>The sign (−1 or +1) of the coordinate at position <paramref name="p"/>.</summary>
    public int Sign(int p) => _signs[p];

    /// <summary>
    /// <paramref name="count"/> directions over <paramref name="coordinates"/>, drawn from <paramref name="seed"/> so a
    /// check is reproducible (and a parallel run sees the same directions as a sequential one).
    /// </summary>
    public static RandomDirection[] Draw(int count, IReadOnlyList<int> coordinates, int seed)
    {
        int[]? list = coordinates switch
        {
            IndexRange => null,
            int[] array => array,
            _ => coordinates.ToArray(),
        };
        var random = new Random(seed);
        var directions = new RandomDirection[count];
        for (int k = 0; k < count; k++) directions[k] = new RandomDirection(k, list, RademacherSigns.Draw(random, coordinates.Count));
        return directions;
    }
}

/// <summary>The part [Start, End) of a direction's coordinate list: the direction restricted to a subset of coordinates.</summary>
internal readonly record struct DirectionSegment(RandomDirection Direction, int Start, int End, int Depth)
{
    public int Length => End - Start;

    /// <summary>The two halves, for bisection.</summary>
    public (DirectionSegment Left, DirectionSegment Right) Halves()
    {
        int middle = Start + Length / 2;
        return (this with { End = middle, Depth = Depth + 1 }, this with { Start = middle, Depth = Depth + 1 });
    }
}
