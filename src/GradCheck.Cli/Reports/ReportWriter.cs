using GradCheck.Cli.Commands;
using GradCheck.Cli.Reports.Html;
using GradCheck.Cli.Reports.Json;
using GradCheck.Cli.Reports.Plots;
using GradCheck.Cli.Running;

namespace GradCheck.Cli.Reports;

/// <summary>Writes the file formats of a run into the output directory and returns the paths written.</summary>
internal static class ReportWriter
{
    /// <summary>The report files written into the output directory (checked up front by <see cref="OutputLocation"/>).</summary>
    public static readonly string[] FileNames = ["report.json", "report.html"];

    /// <summary>The subdirectory for plot images.</summary>
    public const string PlotDirectory = "plots";

    /// <summary>True when the formats write files (JSON or HTML), not only to the console.</summary>
    public static bool WritesFiles(ReportFormat formats) => formats.HasFlag(ReportFormat.Json) || formats.HasFlag(ReportFormat.Html);

    public static IReadOnlyList<string> Write(CheckRequest request, RunResult result)
    {
        var written = new List<string>();
        if (!WritesFiles(request.Formats)) return written;
        Directory.CreateDirectory(request.Output);
        if (request.Formats.HasFlag(ReportFormat.Json))
        {
            string path = Path.Combine(request.Output, FileNames[0]);
            File.WriteAllText(path, JsonReport.Serialize(request, result));
            written.Add(path);
        }
        if (request.Formats.HasFlag(ReportFormat.Html))
        {
            var plots = ReportPlots.ForRun(result);
            string plotDirectory = Path.Combine(request.Output, PlotDirectory);
            Directory.CreateDirectory(plotDirectory);
            RemoveOldPlots(plotDirectory);
            foreach (var plot in plots.SelectMany(p => p.Images)) File.WriteAllBytes(Path.Combine(plotDirectory, plot.FileName), plot.Png);
            string path = Path.Combine(request.Output, FileNames[1]);
            File.WriteAllText(path, HtmlReport.Render(request, result, plots));
            written.Add(path);
            written.Add(Path.Combine(plotDirectory, "*.png") + $" ({plots.Sum(p => p.Images.Count)} plots)");
        }
        return written;
    }

    /// <summary>
    /// Plots of an earlier run into the same directory would otherwise sit beside this run's and mislead. Only files
    /// named the way ReportPlots names them are removed, in case --out points at a folder with other images.
    /// </summary>
    private static void RemoveOldPlots(string plotDirectory)
    {
        foreach (string file in Directory.EnumerateFiles(plotDirectory, "*.png"))
            if (ReportPlots.IsPlotFileName(Path.GetFileName(file))) File.Delete(file);
    }
}
