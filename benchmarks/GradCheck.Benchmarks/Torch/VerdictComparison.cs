using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GradCheck.Benchmarks.Report;
using GradCheck.TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.Benchmarks.Torch;

/// <summary>
/// Verdicts of TorchGradCheck (C#, TorchSharp) and torch.autograd.gradcheck (Python) on the same custom autograd functions
/// with planted bugs, same float64 inputs (exported as JSON), each tool with its defaults.
/// </summary>
public static class VerdictComparison
{
    public sealed record Case(string Name, string Description, bool Buggy);

    public sealed record Row(Case Case, bool? GradCheckPassed, int GradCheckEvaluations, double GradCheckSeconds, string Located,
        bool? TorchPassed, int? TorchEvaluations, double? TorchSeconds);

    public sealed record Result(IReadOnlyList<Row> Rows, string TorchSharpStatus);

    public static IReadOnlyList<Case> Cases { get; } =
    [
        new("cube", "y = x³, backward 3x² (correct)", false),
        new("cube-factor-2", "y = x³, backward 2x² (off by a factor)", true),
        new("cube-off-0.01%", "y = x³, backward 3.0003x² (off by 0.01 %)", true),
        new("cube-plus-1e8", "y = x³ + 1e8, backward 3x² (correct, large constant)", false),
        new("linear", "y = x·Wᵀ + b, hand-written backward (correct)", false),
        new("linear-wrong-sign", "y = x·Wᵀ + b, ∂/∂W[0,0] with the wrong sign", true),
    ];

    public static Result Measure(BenchmarkSettings settings, string? python, TextWriter log)
    {
        var random = new Random(7);
        double[][] Matrix(int rows, int columns) =>
            Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns).Select(_ => Math.Round(random.NextDouble() * 2 - 1, 6)).ToArray()).ToArray();
        var inputs = new Dictionary<string, object> { ["x"] = Matrix(3, 2), ["lx"] = Matrix(4, 3), ["lw"] = Matrix(3, 3), ["lb"] = Matrix(1, 3)[0] };
        string json = Path.Combine(settings.ArtifactsDirectory, "verdict-inputs.json");
        Directory.CreateDirectory(settings.ArtifactsDirectory);
        File.WriteAllText(json, JsonSerializer.Serialize(inputs));

        JsonElement? torch = null;
        if (python is not null)
        {
            string output = Path.Combine(settings.ArtifactsDirectory, "torch-verdicts.json");
            string script = Path.Combine(settings.RepositoryRoot, "benchmarks", "pytorch", "gradcheck_verdicts.py");
            var (code, text) = PythonRunner.Run(python, [script, json, "--repetitions", settings.TimingRepetitions.ToString(CultureInfo.InvariantCulture), "--out", output], TimeSpan.FromMinutes(5));
            if (code == 0) torch = JsonDocument.Parse(File.ReadAllText(output)).RootElement.Clone();
            else log.WriteLine($"[bench] gradcheck_verdicts.py failed (exit {code}): {text.Trim().Split('\n').LastOrDefault()}");
        }

        var rows = new List<Row>();
        string status = "ran";
        foreach (var c in Cases)
        {
            bool? passed = null;
            int evaluations = 0;
            double seconds = double.NaN;
            string located = "–";
            try
            {
                (passed, evaluations, seconds, located) = RunTorchSharp(c, inputs, settings.TimingRepetitions);
            }
            catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
            {
                status = $"TorchSharp unavailable: {e.GetBaseException().Message}";
            }
            bool? torchPassed = null;
            int? torchEvaluations = null;
            double? torchSeconds = null;
            if (torch is { } t && t.TryGetProperty(c.Name, out var r))
                (torchPassed, torchEvaluations, torchSeconds) = (r.GetProperty("passed").GetBoolean(), r.GetProperty("evaluations").GetInt32(), r.GetProperty("seconds").GetDouble());
            rows.Add(new Row(c, passed, evaluations, seconds, located, torchPassed, torchEvaluations, torchSeconds));
        }
        return new Result(rows, status);
    }

    private static (bool Passed, int Evaluations, double Seconds, string Located) RunTorchSharp(Case c, Dictionary<string, object> data, int repetitions)
    {
        using var scope = NewDisposeScope();
        Tensor T(string name) => data[name] switch
        {
            double[][] m => tensor(m.SelectMany(r => r).ToArray(), dtype: float64).reshape(m.Length, m[0].Length).requires_grad_(),
            double[] v => tensor(v, dtype: float64).requires_grad_(),
            _ => throw new InvalidOperationException(name),
        };
        Func<Tensor[], Tensor> function = c.Name switch
        {
            "cube" => t => PlantedTorchFunctions.Cube.apply(t[0]),
            "cube-factor-2" => t => PlantedTorchFunctions.CubeFactorTwo.apply(t[0]),
            "cube-off-0.01%" => t => PlantedTorchFunctions.CubeSlightlyOff.apply(t[0]),
            "cube-plus-1e8" => t => PlantedTorchFunctions.CubeLargeOffset.apply(t[0]),
            "linear" => t => PlantedTorchFunctions.Linear.apply(t[0], t[1], t[2])[0],
            "linear-wrong-sign" => t => PlantedTorchFunctions.LinearWrongSign.apply(t[0], t[1], t[2])[0],
            _ => throw new InvalidOperationException(c.Name),
        };
        Tensor[] inputs = c.Name.StartsWith("linear", StringComparison.Ordinal) ? [T("lx"), T("lw"), T("lb")] : [T("x")];
        TensorCheckReport report = TorchGradCheck.Run(function, inputs);   // warm-up
        var times = new List<double>();
        for (int r = 0; r < repetitions; r++)
        {
            long start = Stopwatch.GetTimestamp();
            report = TorchGradCheck.Run(function, inputs);
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        var failures = report.Failures;
        string located = failures.Count == 0 ? "–" : failures.Count <= 2 ? string.Join("; ", failures.Select(f => f.Label)) : $"{failures.Count} entries";
        return (report.Passed, report.FunctionEvaluations, times.Order().ElementAt(times.Count / 2), located);
    }

    public static string Render(Result result, string pythonStatus)
    {
        var text = new StringBuilder();
        text.AppendLine("### Verdicts on planted bugs: TorchGradCheck and torch.autograd.gradcheck");
        text.AppendLine();
        text.AppendLine("The same custom autograd functions with hand-written backward passes (`Torch/PlantedTorchFunctions.cs` and");
        text.AppendLine("`benchmarks/pytorch/gradcheck_verdicts.py`, line for line), the same float64 inputs (`artifacts/benchmarks/verdict-inputs.json`,");
        text.AppendLine("x 3×2; linear: x 4×3, W 3×3, b 3), each tool with its defaults: `TorchGradCheck.Run` (adaptive differences, error budget)");
        text.AppendLine("and `torch.autograd.gradcheck` (slow mode, eps 1e-6, atol 1e-5, rtol 1e-3), one thread. A correct function should pass, a");
        text.AppendLine("buggy one fail. Wall time: median of whole checks in this run; evaluations: forward calls of the function.");
        text.AppendLine();
        if (result.TorchSharpStatus != "ran") text.AppendLine($"TorchSharp: {result.TorchSharpStatus}.").AppendLine();
        if (result.Rows.All(r => r.TorchPassed is null)) text.AppendLine($"PyTorch column empty: {pythonStatus}.").AppendLine();
        var table = new MarkdownTable("function", "backward", "TorchGradCheck", "entries named", "evals", "time", "torch gradcheck", "evals", "time", "time TorchGradCheck / torch");
        foreach (var r in result.Rows)
            table.Add(r.Case.Name, r.Case.Description, Verdict(r.GradCheckPassed, r.Case.Buggy), r.Located, Fmt.Int(r.GradCheckEvaluations),
                double.IsNaN(r.GradCheckSeconds) ? "–" : Fmt.Time(TimeSpan.FromSeconds(r.GradCheckSeconds)),
                Verdict(r.TorchPassed, r.Case.Buggy), r.TorchEvaluations is { } e ? Fmt.Int(e) : "–",
                r.TorchSeconds is { } s ? Fmt.Time(TimeSpan.FromSeconds(s)) : "–",
                r.TorchSeconds is { } s2 && !double.IsNaN(r.GradCheckSeconds) ? Fmt.Ratio(r.GradCheckSeconds / s2) : "–");
        text.Append(table);
        text.AppendLine();
        return text.ToString();
    }

    /// <summary>"pass ✓" / "FAIL ✓" when the verdict is the right one, "(false alarm)" or "(missed)" when not.</summary>
    public static string Verdict(bool? passed, bool buggy) => passed switch
    {
        null => "–",
        true => buggy ? "pass (missed)" : "pass ✓",
        false => buggy ? "FAIL ✓" : "FAIL (false alarm)",
    };

    public static string Headline(Result result)
    {
        static string Score(IEnumerable<(bool? Passed, bool Buggy)> verdicts)
        {
            var v = verdicts.Where(x => x.Passed is not null).ToArray();
            return v.Length == 0 ? "not run" : $"{v.Count(x => x.Passed != x.Buggy)} of {v.Length} right";
        }
        var wrongTorch = result.Rows.Where(r => r.TorchPassed is { } p && p == r.Case.Buggy).Select(r => r.Case.Name).ToArray();
        var wrongGc = result.Rows.Where(r => r.GradCheckPassed is { } p && p == r.Case.Buggy).Select(r => r.Case.Name).ToArray();
        return $"- Planted bugs in custom autograd functions: TorchGradCheck {Score(result.Rows.Select(r => (r.GradCheckPassed, r.Case.Buggy)))}"
            + (wrongGc.Length > 0 ? $" (wrong on {string.Join(", ", wrongGc)})" : "")
            + $", torch.autograd.gradcheck {Score(result.Rows.Select(r => (r.TorchPassed, r.Case.Buggy)))}"
            + (wrongTorch.Length > 0 ? $" (wrong on {string.Join(", ", wrongTorch)})" : "") + ".";
    }
}
