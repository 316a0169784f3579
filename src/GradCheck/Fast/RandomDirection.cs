namespace GradCheck.Fast;

/// <summary>
/// A Rademacher direction: independent ±1 signs on the checked coordinates (0 elsewhere). With ±1 entries a
/// single wrong gradient entry δ changes g·d by exactly |δ|, whatever the dimension, which is what makes the
/// detection power a statement about tolerances rather than luck (docs/fast-mode.md).
/// </summary>
internal sealed class RandomDirection
{
    public static RandomDirection Empty { get; } = new(-1, [], []);

    private RandomDirection(int number, int[] coordinates, sbyte[] signs)
    {
        Number = number;
        Coordinates = coordinates;
        Signs = signs;
    }

    /// <summary>Position among the directions of a check (0-based), for messages.</summary>
    public int Number { get; }

    /// <summary>The coordinates the direction moves, in the order segments are cut from.</summary>
    public int[] Coordinates { get; }

    /// <summary>The sign of each coordinate, aligned with <see cref="Coordinates"/>.</summary>
    public sbyte[] Signs { get; }

    /// <summary>
    /// <paramref name="count"/> directions over <paramref name="coordinates"/>, drawn from <paramref name="seed"/> so a
    /// check is reproducible (and a parallel run sees the same directions as a sequential one).
    /// </summary>
    public static RandomDirection[] Draw(int count, int[] coordinates, int seed)
    {
        var random = new Random(seed);
        var directions = new RandomDirection[count];
        for (int k = 0; k < count; k++)
        {
            var signs = new sbyte[coordinates.Length];
            for (int p = 0; p < signs.Length; p++) signs[p] = random.Next(2) == 0 ? (sbyte)-1 : (sbyte)1;
            directions[k] = new RandomDirection(k, coordinates, signs);
        }
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
