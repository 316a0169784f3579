using SkiaSharp;

namespace GradCheck.Cli.Tests.Support;

/// <summary>Pixel checks on PNG images, decoded with SkiaSharp (which ScottPlot already brings).</summary>
internal static class Pixels
{
    public static SKBitmap Decode(byte[] png) =>
        SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a decodable PNG");

    /// <summary>Number of distinct colours in the image: 1 means a blank (uniform) image.</summary>
    public static int DistinctColours(SKBitmap bitmap) =>
        Enumerable.Range(0, bitmap.Height).SelectMany(y => Enumerable.Range(0, bitmap.Width).Select(x => bitmap.GetPixel(x, y))).Distinct().Count();

    /// <summary>Pixels within <paramref name="tolerance"/> per channel of <paramref name="hex"/>, with their rows.</summary>
    public static List<(int X, int Y)> Near(SKBitmap bitmap, string hex, int tolerance = 30)
    {
        var target = SKColor.Parse(hex);
        var found = new List<(int, int)>();
        for (int y = 0; y < bitmap.Height; y++)
        for (int x = 0; x < bitmap.Width; x++)
        {
            var c = bitmap.GetPixel(x, y);
            if (Math.Abs(c.Red - target.Red) <= tolerance && Math.Abs(c.Green - target.Green) <= tolerance && Math.Abs(c.Blue - target.Blue) <= tolerance)
                found.Add((x, y));
        }
        return found;
    }
}
