using System.Diagnostics;
using System.Text.Json;
using GradCheck.FiniteDifferences;
using GradCheck.TorchSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace GradCheck.Benchmarks.Torch;

/// <summary>
/// The network of section 4 in TorchSharp float64 tensors, loaded from the same JSON the Python script reads, checked with
/// <see cref="TorchGradCheck"/> against autograd's gradient: the rows "GradCheck (TorchSharp)".
/// </summary>
public static class TorchSharpNetwork
{
    public const string Tool = "GradCheck (C#, TorchSharp adapter)";

    public static IReadOnlyList<TorchSection.Run> Measure(string json, int repetitions)
    {
        using var scope = NewDisposeScope();
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        var x = Tensor2(root.GetProperty("x"));
        var y = Tensor2(root.GetProperty("y"));
        long batch = x.shape[0];
        Tensor[] parameters =
        [
            Tensor2(root.GetProperty("W1")).requires_grad_(), Tensor1(root.GetProperty("b1")).requires_grad_(),
            Tensor2(root.GetProperty("W2")).requires_grad_(), Tensor1(root.GetProperty("b2")).requires_grad_(),
        ];

        // The loss of NetworkData.Loss and gradcheck_network.py: mean over the batch of ½|W2·tanh(W1·x + b1) + b2 − y|².
        Tensor Loss(Tensor[] p)
        {
            var hidden = tanh(x.matmul(p[0].t()) + p[1]);
            var output = hidden.matmul(p[2].t()) + p[3];
            return (output - y).pow(2).sum() * (0.5 / batch);
        }

        var methods = new (string Method, TorchCheckOptions Options)[]
        {
            ("TorchGradCheck, adaptive default", new TorchCheckOptions()),
            // Issue 15 asks for the adapter sequential and on 2 threads; the adapter evaluates on one thread whatever the option
            // says (TorchSharp 0.107 is not safe for concurrent forward passes), and this row shows what the option costs: nothing.
            ("TorchGradCheck, adaptive default, 2 threads", new TorchCheckOptions { Check = new GradientCheckOptions { MaxDegreeOfParallelism = 2 } }),
            ("TorchGradCheck, central h=1e-6, PyTorch's rule", new TorchCheckOptions
            {
                Check = new GradientCheckOptions { Scheme = FiniteDifferenceScheme.Central(), Step = 1e-6, Tolerance = FixedTolerance.AllClose(1e-5, 1e-3) },
            }),
            ("TorchGradCheck, Mode = Projection", new TorchCheckOptions { Mode = TorchCheckMode.Projection, Check = new GradientCheckOptions { Seed = 1 } }),
        };
        var runs = new List<TorchSection.Run>();
        foreach (var (method, options) in methods)
        {
            TensorCheckReport report = TorchGradCheck.Run(Loss, parameters, options);   // warm-up (JIT, libtorch)
            var times = new List<double>();
            for (int r = 0; r < repetitions; r++)
            {
                long start = Stopwatch.GetTimestamp();
                report = TorchGradCheck.Run(Loss, parameters, options);
                times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
            runs.Add(new TorchSection.Run(Tool, method, times.Order().ElementAt(times.Count / 2), report.FunctionEvaluations, report.Passed));
        }
        return runs;
    }

    private static Tensor Tensor2(JsonElement rows)
    {
        var data = rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var flat = data.SelectMany(r => r).ToArray();
        return tensor(flat, dtype: float64).reshape(data.Length, data.Length == 0 ? 0 : data[0].Length);
    }

    private static Tensor Tensor1(JsonElement values) => tensor(values.EnumerateArray().Select(v => v.GetDouble()).ToArray(), dtype: float64);
}
