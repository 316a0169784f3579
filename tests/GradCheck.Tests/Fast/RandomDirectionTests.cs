using GradCheck.Fast;
using GradCheck.Internal;

namespace GradCheck.Tests.Fast;

/// <summary>
/// Directions no longer store an sbyte per coordinate nor, for a check of every coordinate, the coordinate list; a seed
/// must still give exactly the directions it gave before, or reports would change their numbers.
/// </summary>
public class RandomDirectionTests
{
    /// <summary>RandomDirection.Draw as it was (commit e1d45d0): one sbyte array of signs per direction over a shared coordinate array.</summary>
    private static sbyte[][] StoredSigns(int count, int length, int seed)
    {
        var random = new Random(seed);
        var directions = new sbyte[count][];
        for (int k = 0; k < count; k++)
        {
            var signs = new sbyte[length];
            for (int p = 0; p < signs.Length; p++) signs[p] = random.Next(2) == 0 ? (sbyte)-1 : (sbyte)1;
            directions[k] = signs;
        }
        return directions;
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(5, 64, 1)]
    [InlineData(5, 1_000, 42)]
    [InlineData(7, 10_001, 12345)]
    public void EveryCoordinateGivesTheStoredSignsWithoutAListOfCoordinates(int count, int n, int seed)
    {
        var directions = RandomDirection.Draw(count, new IndexRange(n), seed);
        var stored = StoredSigns(count, n, seed);
        for (int k = 0; k < count; k++)
        {
            Assert.Equal(k, directions[k].Number);
            Assert.Equal(n, directions[k].Length);
            Assert.Equal(stored[k].Select(s => (int)s), Enumerable.Range(0, n).Select(directions[k].Sign));
            Assert.Equal(Enumerable.Range(0, n), Enumerable.Range(0, n).Select(directions[k].Coordinate));
        }
    }

    [Fact]
    public void AGivenListKeepsItsOrderAndGivesTheStoredSigns()
    {
        int[] coordinates = [9, 2, 7, 0, 5, 3, 8];
        IReadOnlyList<int> asList = coordinates.ToList();
        var stored = StoredSigns(5, coordinates.Length, 3);
        foreach (var directions in new[] { RandomDirection.Draw(5, coordinates, 3), RandomDirection.Draw(5, asList, 3) })
            for (int k = 0; k < 5; k++)
            {
                Assert.Equal(stored[k].Select(s => (int)s), Enumerable.Range(0, coordinates.Length).Select(directions[k].Sign));
                Assert.Equal(coordinates, Enumerable.Range(0, coordinates.Length).Select(directions[k].Coordinate));
            }
    }

    [Fact]
    public void AnalyticSumAlongASegmentIsTheSignedSumOfItsEntries()
    {
        double[] gradient = [0.5, -2, 3, 7, -11, 13];
        var direction = RandomDirection.Draw(2, new IndexRange(6), 9)[1];
        var stored = StoredSigns(2, 6, 9)[1];
        var (value, magnitude) = new GradientAnalytic<double>(GradientValues<double>.Borrow(gradient)).Along(new DirectionSegment(direction, 1, 5, 1));
        Assert.Equal(Enumerable.Range(1, 4).Sum(p => stored[p] * gradient[p]), value);
        Assert.Equal(Enumerable.Range(1, 4).Sum(p => Math.Abs(gradient[p])), magnitude);
    }
}
