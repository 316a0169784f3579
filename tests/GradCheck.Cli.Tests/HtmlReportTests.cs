using System.Text.RegularExpressions;
using GradCheck.Cli.Tests.Support;

namespace GradCheck.Cli.Tests;

public class HtmlReportTests
{
    // The plot palette: dots of correct entries and of failures. The page's CSS uses neither colour, so these
    // pixels in a screenshot can only come from rendered plots.
    private const string OkBlue = "#1f77b4";
    private const string FailureRed = "#d62728";

    private static string WriteReport(string filter)
    {
        string dir = Tool.TempDirectory();
        var (exitCode, _) = Tool.Run("demo", "--filter", filter, "--format", "html", "--out", dir);
        Assert.Equal(0, exitCode);
        return dir;
    }

    [Fact]
    public void Report_is_self_contained_with_embedded_plots_also_written_as_png_files()
    {
        string dir = WriteReport("two-layer-network*");
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:|/|file:)"), html);   // nothing external
        Assert.Contains("<style>", html);
        var images = Regex.Matches(html, "src=\"data:image/png;base64,([^\"]+)\"").Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToList();
        Assert.Equal(6, images.Count);   // per case: relative errors, analytic vs numeric, error vs step
        foreach (var png in images)
        {
            using var bitmap = Pixels.Decode(png);
            Assert.Equal((800, 450), (bitmap.Width, bitmap.Height));
            Assert.True(Pixels.DistinctColours(bitmap) > 20, "a plot must not be blank");
        }
        var files = Directory.GetFiles(Path.Combine(dir, "plots"), "*.png");
        Assert.Equal(6, files.Length);
        Assert.Contains(files, f => f.EndsWith("02-two-layer-network-planted-bug-error-vs-step.png", StringComparison.Ordinal));
        Assert.Contains("W1", html);
        Assert.Contains("b1[0]", html);
    }

    [Fact]
    public void A_rerun_into_the_same_directory_replaces_old_plots_and_keeps_other_files()
    {
        string dir = Tool.TempDirectory();
        Tool.Run("demo", "--filter", "two-layer-network*", "--format", "html", "--out", dir);
        File.WriteAllBytes(Path.Combine(dir, "plots", "mine.png"), [1, 2, 3]);
        Tool.Run("demo", "--filter", "relu-kink", "--format", "html", "--out", dir);
        var names = Directory.GetFiles(Path.Combine(dir, "plots")).Select(f => Path.GetFileName(f)!).Order().ToArray();
        Assert.Equal(["01-relu-kink-analytic-vs-numeric.png", "01-relu-kink-error-vs-step.png", "01-relu-kink-relative-errors.png", "mine.png"], names);
    }

    [Fact]
    public void Report_renders_in_headless_chromium_with_its_plots_visible()
    {
        string dir = WriteReport("two-layer-network-planted-bug");
        string screenshot = Path.Combine(dir, "screenshot.png");
        Chromium.Screenshot(Path.Combine(dir, "report.html"), screenshot, 1200, 2000);

        var bytes = File.ReadAllBytes(screenshot);
        Assert.True(bytes.Length > 10_000, $"screenshot is only {bytes.Length} bytes");
        using var bitmap = Pixels.Decode(bytes);
        Assert.Equal(1200, bitmap.Width);

        // The plots came out: many pixels in the plot palette, spread over a plot-sized region, in the lower part
        // of the page where the figures are (the tables come first).
        var blue = Pixels.Near(bitmap, OkBlue);
        var red = Pixels.Near(bitmap, FailureRed);
        Assert.True(blue.Count > 500, $"only {blue.Count} plot-blue pixels: plots missing or not rendered");
        Assert.True(red.Count > 200, $"only {red.Count} failure-red pixels: the planted bug's dots are not visible");
        int top = blue.Min(p => p.Y), bottom = blue.Max(p => p.Y), left = blue.Min(p => p.X), right = blue.Max(p => p.X);
        Assert.True(bottom - top > 150 && right - left > 300, $"plot pixels span only {right - left}×{bottom - top}");

        // …and the plot region is an image, not a flat box: many colours inside the blue pixels' bounding box.
        using var region = new SkiaSharp.SKBitmap(right - left + 1, bottom - top + 1);
        Assert.True(bitmap.ExtractSubset(region, new SkiaSharp.SKRectI(left, top, right + 1, bottom + 1)));
        Assert.True(Pixels.DistinctColours(region) > 50, "the plot region is (nearly) uniform");
    }
}
