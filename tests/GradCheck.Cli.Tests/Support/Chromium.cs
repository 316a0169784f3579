using System.Diagnostics;

namespace GradCheck.Cli.Tests.Support;

/// <summary>
/// Headless Chromium for screenshot tests. When it is missing and the tests run as root (CI, dev containers), it is
/// installed once with apt-get (Debian package "chromium"); otherwise the test fails with what to install.
/// </summary>
internal static class Chromium
{
    private static readonly Lazy<string?> Executable = new(FindOrInstall, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Executable.Value
        ?? throw new InvalidOperationException("Chromium is not installed and could not be installed (needs root): apt-get install -y chromium");

    /// <summary>Renders <paramref name="htmlFile"/> to a PNG screenshot of the given size.</summary>
    public static void Screenshot(string htmlFile, string pngFile, int width, int height)
    {
        string profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gradcheck-chromium-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, output) = Run(Path,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--hide-scrollbars", $"--user-data-dir={profile}", $"--screenshot={pngFile}",
                $"--window-size={width},{height}", new Uri(htmlFile).AbsoluteUri,
            ], TimeSpan.FromSeconds(120));
            if (!File.Exists(pngFile)) throw new InvalidOperationException($"Chromium wrote no screenshot (exit {exitCode}): {output}");
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string? FindOrInstall()
    {
        if (Find() is { } found) return found;
        if (!IsRoot()) return null;
        Run("/bin/sh", ["-c", "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium"], TimeSpan.FromMinutes(15));
        return Find();
    }

    private static string? Find() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    private static bool IsRoot() => Run("id", ["-u"], TimeSpan.FromSeconds(10)).Output.Trim() == "0";

    private static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout}.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
