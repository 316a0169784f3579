using System.Diagnostics;

namespace GradCheck.Benchmarks.Torch;

/// <summary>Finds a Python with torch and runs the comparison script in it.</summary>
public static class PythonRunner
{
    /// <summary>$GRADCHECK_PYTHON, then Debian's /usr/bin/python3 (where python3-torch installs), then python3 on the PATH.</summary>
    public static string? FindPythonWithTorch(out string diagnosis)
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("GRADCHECK_PYTHON"), "/usr/bin/python3", "python3" }
            .Where(c => !string.IsNullOrEmpty(c)).Distinct().ToArray();
        var tried = new List<string>();
        foreach (var python in candidates)
        {
            var (code, output) = Run(python!, ["-c", "import torch; print(torch.__version__)"], TimeSpan.FromSeconds(120));
            if (code == 0)
            {
                diagnosis = $"{python} (torch {output.Trim()})";
                return python;
            }
            tried.Add($"{python}: {(code == -1 ? output : "no module torch")}");
        }
        diagnosis = "no Python with torch found (" + string.Join("; ", tried) + "). Install it with `apt-get install -y python3-torch` or set GRADCHECK_PYTHON.";
        return null;
    }

    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"timed out after {timeout.TotalSeconds:F0} s");
            }
            return (process.ExitCode, process.ExitCode == 0 ? stdout.Result : stderr.Result + stdout.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
