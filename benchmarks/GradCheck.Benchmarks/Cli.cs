using System.Diagnostics;

namespace GradCheck.Benchmarks;

public static class Cli
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" || args[0] is not ("all" or "assurance" or "memory" or "torch"))
        {
            Console.WriteLine("Usage: GradCheck.Benchmarks all [--out FILE] [--root DIR] [--quick] [--no-bdn] [--no-torch]");
            Console.WriteLine("       GradCheck.Benchmarks assurance [--out FILE] [--quick]");
            Console.WriteLine("       GradCheck.Benchmarks memory [--out FILE] [--quick]");
            Console.WriteLine("       GradCheck.Benchmarks torch [--out FILE] [--quick]");
            Console.WriteLine("  all         run every section and write the Markdown report (default FILE: docs/benchmarks.md under --root)");
            Console.WriteLine("  assurance   run section 5 (false assurance) alone; its Markdown goes to FILE, or to the console");
            Console.WriteLine("  memory      run section 3e (memory per fast check) alone; its Markdown goes to FILE, or to the console");
            Console.WriteLine("  torch       run section 4 (side by side with PyTorch) alone; its Markdown goes to FILE, or to the console");
            Console.WriteLine("  --quick     tiny sizes, no BenchmarkDotNet, no PyTorch (seconds; what the smoke test runs)");
            Console.WriteLine("  --no-bdn    skip the BenchmarkDotNet overhead benchmarks");
            Console.WriteLine("  --no-torch  skip the PyTorch comparison");
            return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 2;
        }
        string root = Value(args, "--root") ?? FindRepositoryRoot();
        string output = Value(args, "--out") ?? Path.Combine(root, "docs", "benchmarks.md");
        var settings = args.Contains("--quick") ? BenchmarkSettings.Smoke : BenchmarkSettings.Full;
        settings = settings with
        {
            RepositoryRoot = root,
            ArtifactsDirectory = Path.Combine(root, "artifacts", "benchmarks"),
            RunBenchmarkDotNet = settings.RunBenchmarkDotNet && !args.Contains("--no-bdn"),
            RunPyTorch = settings.RunPyTorch && !args.Contains("--no-torch"),
        };
        if (args[0] == "assurance") return RunAssurance(settings, Value(args, "--out"));
        if (args[0] == "memory") return RunMemory(settings, Value(args, "--out"));
        if (args[0] == "torch") return RunTorch(settings, Value(args, "--out"));
        var clock = Stopwatch.StartNew();
        string markdown = ReportGenerator.Generate(settings, Console.Out);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, markdown);
        Console.WriteLine($"Wrote {output} in {clock.Elapsed.TotalSeconds:F0} s.");
        return 0;
    }

    /// <summary>Section 5 alone: minutes instead of the whole report's, and docs/benchmarks.md is left as it is.</summary>
    private static int RunAssurance(BenchmarkSettings settings, string? output)
    {
        var result = ReportGenerator.Timed(Console.Error, "false assurance", () => Assurance.FalseAssuranceSection.Measure(settings));
        string markdown = Assurance.FalseAssuranceSection.Render(result) + Assurance.FalseAssuranceSection.Headline(result) + Environment.NewLine;
        if (output is null) Console.Write(markdown);
        else File.WriteAllText(output, markdown);
        return 0;
    }

    /// <summary>Section 3e alone: under a minute, and docs/benchmarks.md is left as it is.</summary>
    private static int RunMemory(BenchmarkSettings settings, string? output)
    {
        var result = ReportGenerator.Timed(Console.Error, "memory", () => Scaling.MemorySection.Measure(settings, Console.Error));
        string markdown = Scaling.MemorySection.Render(result) + Scaling.MemorySection.Headline(result) + Environment.NewLine;
        if (output is null) Console.Write(markdown);
        else File.WriteAllText(output, markdown);
        return 0;
    }

    /// <summary>
    /// Section 4 alone: the side by side with PyTorch in a minute, for measuring a change to the adapter without the whole
    /// report; docs/benchmarks.md is left as it is.
    /// </summary>
    private static int RunTorch(BenchmarkSettings settings, string? output)
    {
        var result = ReportGenerator.Timed(Console.Error, "PyTorch comparison", () => Torch.TorchSection.Measure(settings, Console.Error));
        string markdown = Torch.TorchSection.Render(result);
        if (output is null) Console.Write(markdown);
        else File.WriteAllText(output, markdown);
        return 0;
    }

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The directory holding GradCheck.slnx, searched upwards from the current directory.</summary>
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GradCheck.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
