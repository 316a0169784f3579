using GradCheck.Internal;

namespace GradCheck.Tests.Internal;

public class IndexRangeTests
{
    [Fact]
    public void ListsZeroToNMinusOneByIndexAndByEnumeration()
    {
        var range = new IndexRange(5);
        Assert.Equal(5, range.Count);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, range);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, Enumerable.Range(0, range.Count).Select(i => range[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => range[5]);
        Assert.Throws<ArgumentOutOfRangeException>(() => range[-1]);
        Assert.Empty(new IndexRange(0));
    }

    [Fact]
    public void APlanOfEveryCoordinateIsARangeNotAnArray()
    {
        var all = CheckPlan.Create(GradientCheckOptions.Default, 1_000);
        var sampleOfAll = CheckPlan.Create(new GradientCheckOptions { SampleSize = 1_000 }, 1_000);
        Assert.IsType<IndexRange>(all.Indices);
        Assert.IsType<IndexRange>(sampleOfAll.Indices);
        Assert.Equal(Enumerable.Range(0, 1_000), all.Indices);
        Assert.Equal(Enumerable.Range(0, 1_000), sampleOfAll.Indices);
    }
}
