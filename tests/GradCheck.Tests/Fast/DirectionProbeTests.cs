using GradCheck.Fast;
using GradCheck.Internal;

namespace GradCheck.Tests.Fast;

public class DirectionProbeTests
{
    [Fact]
    public void MovesExactlyTheSegmentAlongItsSignsAndRestoresFloatPointsBitExactly()
    {
        float[] point = [0.1f, -3.7f, 5.5f, 2.5f, 0f];
        var original = (float[])point.Clone();
        int[] coordinates = [4, 2, 0, 3, 1];
        var direction = RandomDirection.Draw(1, coordinates, seed: 11)[0];
        var segment = new DirectionSegment(direction, 1, 4, 0);   // coordinates 2, 0, 3
        float[]? seen = null;
        var probe = new DirectionProbe<float>((x, _) => { seen = (float[])x.Clone(); return x.Sum(); }, point, original, _ => 0, 0, new EvaluationCounter(), CancellationToken.None);
        probe.MoveTo(segment);

        probe.Evaluate(0.25, out double actual);

        double realised = 0;
        for (int p = 0; p < coordinates.Length; p++)
        {
            int i = coordinates[p];
            float expected = p is >= 1 and < 4 ? original[i] + direction.Sign(p) * 0.25f : original[i];
            Assert.Equal(expected, seen![i]);
            realised += direction.Sign(p) * ((double)expected - original[i]);
        }
        // 0.1f + 0.25f crosses a binade and rounds: the offset is the mean of what float really added.
        Assert.Equal(realised / 3, actual, 15);
        Assert.NotEqual(0.25, actual);
        Assert.Equal(original, point);
    }

    [Fact]
    public void ReportsTheMeanRealisedOffsetWhenTheElementTypeRoundsTheStep()
    {
        float[] point = [1e7f, 1e7f];   // float's ulp at 1e7 is 1: a step of 0.75 rounds to 1 on both coordinates
        var original = (float[])point.Clone();
        var direction = RandomDirection.Draw(1, [0, 1], seed: 3)[0];
        var probe = new DirectionProbe<float>((x, _) => x[0], point, original, _ => 0, 0, new EvaluationCounter(), CancellationToken.None);
        probe.MoveTo(new DirectionSegment(direction, 0, 2, 0));
        probe.Evaluate(0.75, out double actual);
        Assert.Equal(1.0, actual);
        Assert.Equal(original, point);
    }

    [Fact]
    public void RestoresThePointWhenTheFunctionThrowsAndNamesTheDirection()
    {
        double[] point = [1, 2, 3];
        var original = (double[])point.Clone();
        var counter = new EvaluationCounter();
        var direction = RandomDirection.Draw(3, [0, 1, 2], seed: 5)[2];
        var probe = new DirectionProbe<double>((_, _) => throw new InvalidOperationException("boom"), point, original, _ => 0, 0, counter, CancellationToken.None);
        probe.MoveTo(new DirectionSegment(direction, 0, 3, 0));
        var e = Assert.Throws<FunctionEvaluationException>(() => probe.Evaluate(0.5, out _));
        Assert.Contains("random direction #2", e.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.Equal(original, point);
        Assert.Equal(1, counter.Count);
    }

    [Fact]
    public void DirectionsAreReproducibleFromTheSeedAndDifferAcrossSeeds()
    {
        int[] coordinates = Enumerable.Range(0, 64).ToArray();
        var a = RandomDirection.Draw(3, coordinates, 7);
        var b = RandomDirection.Draw(3, coordinates, 7);
        var c = RandomDirection.Draw(3, coordinates, 8);
        Assert.Equal(Signs(a[2]), Signs(b[2]));
        Assert.NotEqual(Signs(a[0]), Signs(c[0]));
        Assert.All(a.SelectMany(Signs), s => Assert.True(s is 1 or -1));
    }

    private static int[] Signs(RandomDirection direction) => Enumerable.Range(0, direction.Length).Select(direction.Sign).ToArray();
}
