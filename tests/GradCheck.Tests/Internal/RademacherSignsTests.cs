using GradCheck.Internal;

namespace GradCheck.Tests.Internal;

public class RademacherSignsTests
{
    /// <summary>The signs as the checks stored them before they were packed: one value per coordinate, −1 when Next(2) is 0.</summary>
    private static int[] Unpacked(Random random, int count)
    {
        var signs = new int[count];
        for (int p = 0; p < count; p++) signs[p] = random.Next(2) == 0 ? -1 : 1;
        return signs;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1_000)]
    public void PackedSignsAreExactlyTheSignsDrawnOnePerCoordinate(int count)
    {
        foreach (int seed in new[] { 0, 1, 42, 1_000_003 })
        {
            var signs = RademacherSigns.Draw(new Random(seed), count);
            var expected = Unpacked(new Random(seed), count);
            Assert.Equal(count, signs.Count);
            Assert.Equal(expected, Enumerable.Range(0, count).Select(p => signs[p]));
            Assert.Equal(expected.Select(s => s < 0), Enumerable.Range(0, count).Select(signs.IsNegative));
        }
    }

    [Fact]
    public void ConsecutiveDrawsFromOneGeneratorContinueItsSequence()
    {
        // The noise probe draws its directions one after another from one generator: the second must be draws n..2n−1.
        var random = new Random(7);
        var first = RademacherSigns.Draw(random, 100);
        var second = RademacherSigns.Draw(random, 100);
        var expected = Unpacked(new Random(7), 200);
        Assert.Equal(expected[..100], Enumerable.Range(0, 100).Select(p => first[p]));
        Assert.Equal(expected[100..], Enumerable.Range(0, 100).Select(p => second[p]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(70)]
    [InlineData(128)]
    public void ASignOutsideTheDrawnCountIsRefusedEvenInsideTheLastWord(int p)
    {
        var signs = RademacherSigns.Draw(new Random(3), 70);
        Assert.Throws<ArgumentOutOfRangeException>(() => signs[p]);
    }
}
