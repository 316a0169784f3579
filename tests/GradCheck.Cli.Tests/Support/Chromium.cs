using System.Diagnostics;

namespace GradCheck.Cli.Tests.Support;

/// <summary>
/// Headless Chromium for screenshot tests. When it is missing and the tests run as root (CI, dev containers), it is
/// installed once with apt-get (Debian package "chromium" with its dependencies); otherwise the test
/// fails with what to install. apt-get waits for a package manager that is busy elsewhere (unattended upgrades,
/// another install) instead of failing on its lock.
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
        var (exitCode, output) = Run("/bin/sh", ["-c", InstallCommand], TimeSpan.FromMinutes(15));
        return Find() ?? throw new InvalidOperationException($"Installing Chromium failed (exit {exitCode}): {InstallCommand}\n{output}");
    }

    /// <summary>How long apt-get waits for the dpkg and list locks held by another apt/dpkg process.</summary>
    internal const int LockTimeoutSeconds = 600;

    /// <summary>
    /// The install command. DPkg::Lock::Timeout makes apt-get wait for the dpkg lock; the update is also retried for a
    /// while, because older apt versions fail at once on a busy lists lock.
    /// </summary>
    internal static readonly string InstallCommand =
        $"for attempt in $(seq 1 {LockTimeoutSeconds / 10}); do apt-get -o DPkg::Lock::Timeout={LockTimeoutSeconds} update && break; sleep 10; done; " +
        $"DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout={LockTimeoutSeconds} install -y chromium";

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
