using System.Diagnostics;
using System.Text;
using System.Text.Json;
using GradCheck.Benchmarks.Report;
using GradCheck.FiniteDifferences;

namespace GradCheck.Benchmarks.Torch;

/// <summary>Section 4: GradCheck and torch.autograd.gradcheck on the same two-layer network, wall time and evaluations as ratios.</summary>
public static class TorchSection
{
    public sealed record Run(string Tool, string Method, double Seconds, int Evaluations, bool Passed);

    public sealed record NetworkResult(string Network, double Loss, double? TorchLoss, IReadOnlyList<Run> Runs);

    public sealed record Result(IReadOnlyList<NetworkResult> Networks, string PythonStatus, string? TorchVersion, string? TorchSharpStatus,
        VerdictComparison.Result Verdicts);

    public static Result Measure(BenchmarkSettings settings, TextWriter log)
    {
        string? python = null;
        string status = "skipped (`--no-torch` or `--quick`)";
        if (settings.RunPyTorch) python = PythonRunner.FindPythonWithTorch(out status);
        log.WriteLine($"[bench] PyTorch: {status}");
        string script = Path.Combine(settings.RepositoryRoot, "benchmarks", "pytorch", "gradcheck_network.py");
        string? torchVersion = null;
        var networks = new List<NetworkResult>();
        string? torchSharpStatus = null;
        foreach (var (inputs, hidden, outputs, batch) in settings.Networks)
        {
            var network = new NetworkData(inputs, hidden, outputs, batch, seed: 2026);
            string json = Path.Combine(settings.ArtifactsDirectory, $"network-{inputs}-{hidden}-{outputs}-{batch}.json");
            network.Export(json);

            var runs = new List<Run>
            {
                Time(settings, "GradCheck (C#, plain arrays)", "adaptive default", network, null),
                Time(settings, "GradCheck (C#, plain arrays)", "adaptive default, 2 threads", network, new GradientCheckOptions { MaxDegreeOfParallelism = 2 }),
                Time(settings, "GradCheck (C#, plain arrays)", "central h=1e-6, PyTorch's rule", network,
                    new GradientCheckOptions { Scheme = FiniteDifferenceScheme.Central(), Step = 1e-6, Tolerance = FixedTolerance.AllClose(1e-5, 1e-3) }),
            };
            if (settings.RunTorchSharp)
            {
                try
                {
                    runs.AddRange(TorchSharpNetwork.Measure(json, settings.TimingRepetitions));
                }
                catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
                {
                    torchSharpStatus = $"TorchSharp unavailable: {e.GetBaseException().Message}";
                    log.WriteLine($"[bench] {torchSharpStatus}");
                }
            }
            double? torchLoss = null;
            if (python is not null)
            {
                string output = Path.Combine(settings.ArtifactsDirectory, $"torch-{inputs}-{hidden}-{outputs}-{batch}.json");
                var (code, text) = PythonRunner.Run(python, [script, json, "--repetitions", settings.TimingRepetitions.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output], TimeSpan.FromMinutes(10));
                if (code == 0)
                {
                    using var doc = JsonDocument.Parse(File.ReadAllText(output));
                    var root = doc.RootElement;
                    torchVersion = root.GetProperty("torch_version").GetString();
                    torchLoss = root.GetProperty("loss").GetDouble();
                    foreach (var (mode, label) in new[] { ("slow", "gradcheck, slow mode (default)"), ("fast", "gradcheck, fast_mode=True") })
                    {
                        var m = root.GetProperty(mode);
                        runs.Add(new Run("PyTorch (Python, autograd)", label, m.GetProperty("seconds").GetDouble(), m.GetProperty("evaluations").GetInt32(), m.GetProperty("passed").GetBoolean()));
                    }
                }
                else
                {
                    status = $"the script failed (exit {code}): {text.Trim().Split('\n').LastOrDefault()}";
                    log.WriteLine($"[bench] PyTorch: {status}");
                    python = null;
                }
            }
            networks.Add(new NetworkResult(network.Describe(), network.Loss(network.Parameters), torchLoss, runs));
        }
        var verdicts = VerdictComparison.Measure(settings, python, log);
        return new Result(networks, status, torchVersion, torchSharpStatus, verdicts);
    }

    private static Run Time(BenchmarkSettings settings, string tool, string method, NetworkData network, GradientCheckOptions? options)
    {
        // Warm-up (JIT) on the smaller networks only: a second full check of a large one would double the run time.
        GradientReport report = network.ParameterCount <= 500
            ? GradientCheck.Run(network.Loss, network.Gradient, network.Parameters, options)
            : null!;
        var times = new List<double>();
        for (int r = 0; r < settings.TimingRepetitions; r++)
        {
            long start = Stopwatch.GetTimestamp();
            report = GradientCheck.Run(network.Loss, network.Gradient, network.Parameters, options);
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return new Run(tool, method, times.Order().ElementAt(times.Count / 2), report.FunctionEvaluations, report.Passed);
    }

    public static string Render(Result result)
    {
        var text = new StringBuilder();
        text.AppendLine("## 4. Side by side with PyTorch's gradcheck");
        text.AppendLine();
        text.AppendLine("The same two-layer network, y = W2·tanh(W1·x + b1) + b2 with loss mean ½|y − target|², generated once in C#");
        text.AppendLine("(`Torch/NetworkData.cs`, seed 2026) and exported as JSON (`artifacts/benchmarks/network-*.json`); the Python script");
        text.AppendLine("`benchmarks/pytorch/gradcheck_network.py` reads it and runs `torch.autograd.gradcheck` with its defaults (eps 1e-6,");
        text.AppendLine("atol 1e-5, rtol 1e-3) in slow and fast mode, in float64 on one thread, against autograd's gradient; GradCheck checks the");
        text.AppendLine("hand-written backprop on plain `double[]`; the TorchSharp rows load the same JSON into float64 TorchSharp tensors and");
        text.AppendLine("check the same loss with `TorchGradCheck.Run` against TorchSharp's autograd (libtorch, one intra-op thread; `Mode = Projection` is its");
        text.AppendLine("cheap mode, one random vᵀJu per parameter tensor). Wall time is the median of whole checks in the same run (PyTorch's includes");
        text.AppendLine("Python and tensor overhead per call: this compares the tools as a user meets them, not the arithmetic). \"evals\" are");
        text.AppendLine("calls of the loss. Ratios are against PyTorch's slow mode (its default). \"2 threads\" is `MaxDegreeOfParallelism = 2`: the");
        text.AppendLine("core evaluates the entries on two threads, each on its own copy of the point (the report is identical to the sequential one);");
        text.AppendLine("the TorchSharp adapter evaluates on one thread whatever the option says, because TorchSharp 0.107 is not safe for forward");
        text.AppendLine("passes on two threads at once (its temporary scalars can be freed by another thread's garbage collection while libtorch reads them).");
        text.AppendLine();
        text.AppendLine($"PyTorch: {result.PythonStatus}.");
        text.AppendLine();
        var table = new MarkdownTable("network", "tool", "method", "wall time", "evals", "passed", "time / PyTorch slow", "evals / PyTorch slow");
        foreach (var network in result.Networks)
        {
            var slow = network.Runs.FirstOrDefault(r => r.Method.Contains("slow", StringComparison.Ordinal));
            foreach (var run in network.Runs)
                table.Add(network.Network, run.Tool, run.Method, Fmt.Time(TimeSpan.FromSeconds(run.Seconds)), Fmt.Int(run.Evaluations), run.Passed ? "yes" : "no",
                    slow is null ? "–" : Fmt.Ratio(run.Seconds / slow.Seconds), slow is null ? "–" : Fmt.Ratio((double)run.Evaluations / slow.Evaluations));
        }
        text.Append(table);
        text.AppendLine();
        foreach (var network in result.Networks.Where(n => n.TorchLoss is not null))
            text.AppendLine($"- Same network check, {network.Network}: loss {network.Loss:R} in C#, {network.TorchLoss:R} in PyTorch (difference {Fmt.Sci(Math.Abs(network.Loss - network.TorchLoss!.Value))}).");
        text.AppendLine();
        if (result.TorchSharpStatus is not null) text.AppendLine($"- TorchSharp rows missing: {result.TorchSharpStatus}.");
        text.AppendLine();
        text.Append(VerdictComparison.Render(result.Verdicts, result.PythonStatus));
        return text.ToString();
    }
}
