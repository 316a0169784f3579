namespace GradCheck.Cli.Reports;

/// <summary>
/// The report directory, checked before any case runs: cases can take minutes, and a run whose reports cannot be
/// written at the end has wasted them. An --out that names a file, or a directory that cannot be created or written,
/// is a usage error (exit code 2) with the reason, and nothing runs.
/// </summary>
internal static class OutputLocation
{
    /// <summary>Throws <see cref="UsageException"/> when report files are asked for and <see cref="Commands.CheckRequest.Output"/> cannot take them.</summary>
    public static void Verify(Commands.CheckRequest request)
    {
        if (!ReportWriter.WritesFiles(request.Formats)) return;
        string directory = request.Output;
        if (File.Exists(directory))
            throw new UsageException($"--out {directory} is an existing file; give a directory for report.json, report.html and plots/ (it is created if missing). Nothing was run.");
        foreach (string file in ReportWriter.FileNames)
            if (Directory.Exists(Path.Combine(directory, file)))
                throw new UsageException($"--out {directory} holds a directory named {file}, where the report file goes; remove it or choose another --out. Nothing was run.");
        if (File.Exists(Path.Combine(directory, ReportWriter.PlotDirectory)))
            throw new UsageException($"--out {directory} holds a file named {ReportWriter.PlotDirectory}, where the plots go; remove it or choose another --out. Nothing was run.");
        try
        {
            Directory.CreateDirectory(directory);
            string probe = Path.Combine(directory, $".gradcheck-write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"--out {directory} cannot be written ({e.Message}); give a directory you can create and write to. Nothing was run.");
        }
    }
}
