using System.Text;
using GradCheck.Benchmarks.Report;
using GradCheck.Tests.Support;

namespace GradCheck.Benchmarks.Scaling;

/// <summary>
/// Section 3e: bytes GradCheck itself allocates per check, as copies of the point (8n bytes in double), for fast mode and
/// for a full check on a sample, sequential and parallel. The callbacks allocate nothing, so every byte counted is the checker's.
/// </summary>
public static class MemorySection
{
    public const string Heading = "### 3e. Memory per fast check";

    /// <summary>Bytes allocated by one check and its evaluation count.</summary>
    public sealed record Check(long Bytes, int Evaluations, bool Passed);

    public sealed record Size(int N, Check Fast, Check FastParallel, Check FastBuggy, Check Sample, Check SampleParallel);

    public sealed record Result(IReadOnlyList<Size> Sizes);

    /// <summary>The full check's sample: enough coordinates to exercise its per-entry path, few enough to stay cheap at n = 10⁷.</summary>
    public const int SampleSize = 32;

    public const int Degree = 2;

    private const int Seed = 1;

    /// <summary>
    /// This section's numbers measured on commit e1d45d0, before signs were packed and coordinate lists and the reentrancy
    /// check's second gradient stopped being materialised: a fixed sentence, since that code is gone.
    /// </summary>
    /// <summary>This section's numbers on commit da49994, while the analytic gradient was still copied as doubles.</summary>
    public const string BeforeInPlace =
        "With the analytic gradient copied as doubles (commit da49994): fast 2.20 / 2.15 / 2.14 copies sequential and 4.21 / 4.15 / 4.14 at p = 2; "
        + "fast with the 1 % bug 2.21 / 2.15 / 2.14; full on a sample of 32 2.13 / 2.07 / 2.06 sequential and 4.15 / 4.07 / 4.06 at p = 2";

    public const string Baseline =
        "fast 8.68 / 8.63 / 8.63 copies sequential and 10.70 / 10.63 / 10.63 at p = 2; fast with the 1 % bug 8.70 / 8.63 / 8.63; "
        + "full on a sample of 32 7.08 / 7.01 / 7.00 sequential and 9.13 / 9.01 / 9.00 at p = 2 (n = 10⁵ / 10⁶ / 10⁷; the same evaluation counts as above). "
        + "Of the 8.63: the snapshot 1, the analytic gradient as doubles 1, the reentrancy check's second gradient as doubles 1, "
        + "the noise probe's 4 sign vectors as doubles 4, the plan's list of all n coordinates as int 0.5 and a copy of it 0.5, "
        + "5 fast directions' signs as sbyte 0.63";

    public static Result Measure(BenchmarkSettings settings, TextWriter log)
    {
        // JIT and thread-pool warm-up on a small problem, so the first size does not count the runtime's own allocations.
        var warm = new SumOfSquares(1_000, Seed);
        foreach (var options in Options()) Allocated(warm, options, buggy: false);
        Allocated(warm, Options()[0], buggy: true);

        var sizes = new List<Size>();
        foreach (int n in settings.MemorySizes)
        {
            var function = new SumOfSquares(n, Seed);
            var options = Options();
            var size = new Size(n,
                Allocated(function, options[0], buggy: false), Allocated(function, options[1], buggy: false), Allocated(function, options[0], buggy: true),
                Allocated(function, options[2], buggy: false), Allocated(function, options[3], buggy: false));
            log.WriteLine($"[bench]   memory n = {n}: fast {Copies(size.Fast, n):F2} copies, p = {Degree} {Copies(size.FastParallel, n):F2}, "
                          + $"1 % bug {Copies(size.FastBuggy, n):F2}, sample {Copies(size.Sample, n):F2}, sample p = {Degree} {Copies(size.SampleParallel, n):F2}");
            sizes.Add(size);
        }
        return new Result(sizes);
    }

    /// <summary>Fast, fast at p = 2, full on a sample, full on a sample at p = 2.</summary>
    private static GradientCheckOptions[] Options()
    {
        var fast = new GradientCheckOptions { Mode = CheckMode.Fast, Seed = Seed };
        var sample = new GradientCheckOptions { Mode = CheckMode.Full, Seed = Seed, SampleSize = SampleSize };
        return [fast, fast with { MaxDegreeOfParallelism = Degree }, sample, sample with { MaxDegreeOfParallelism = Degree }];
    }

    /// <summary>
    /// Bytes allocated on every thread during one check. A full collection first, so a collection during the check cannot
    /// be triggered by garbage of the previous one (the count is of allocations, not of live memory, but this keeps runs alike).
    /// </summary>
    private static Check Allocated(SumOfSquares function, GradientCheckOptions options, bool buggy)
    {
        Func<double[], double[]> gradient = buggy ? function.GradientWithBug : function.Gradient;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var report = GradientCheck.Run(SumOfSquares.Value, gradient, function.Point, options);
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        return new Check(bytes, report.FunctionEvaluations, report.Passed);
    }

    public static double Copies(Check check, int n) => check.Bytes / (8.0 * n);

    public static string Render(Result result)
    {
        var text = new StringBuilder();
        text.AppendLine(Heading);
        text.AppendLine();
        text.AppendLine("f(x) = Σ xᵢ² (Kahan-summed) with gradient 2x written into one preallocated array (`Scaling/MemorySection.cs`), so the callbacks allocate");
        text.AppendLine("nothing and every byte counted is GradCheck's: `GC.GetTotalAllocatedBytes(precise: true)` (all threads) around one");
        text.AppendLine("`GradientCheck.Run`, double, seed 1, divided by 8n bytes (one copy of the point). The floor is one copy: the snapshot that");
        text.AppendLine($"restores the caller's point bit-exactly. Columns: fast mode on a correct gradient, sequential and with `MaxDegreeOfParallelism` = {Degree}");
        text.AppendLine($"(each extra worker perturbs its own copy of the point: one copy per worker); fast mode with entry ⌊n/3⌋ off by 1 % (localisation");
        text.AppendLine($"by bisection); the full check on a seeded sample of {SampleSize} coordinates (`SampleSize`), sequential and at p = {Degree}.");
        text.AppendLine();
        var table = new MarkdownTable("n", "fast: copies (MB)", $"fast, p = {Degree}: copies (MB)", "fast, 1 % bug: copies (MB)",
            $"full, sample {SampleSize}: copies (MB)", $"full, sample {SampleSize}, p = {Degree}: copies (MB)", "evaluations (fast / 1 % bug / sample)", "verdicts as expected");
        foreach (var s in result.Sizes)
        {
            bool expected = s.Fast.Passed && s.FastParallel.Passed && !s.FastBuggy.Passed && s.Sample.Passed && s.SampleParallel.Passed;
            table.Add(Fmt.Int(s.N), Cell(s.Fast, s.N), Cell(s.FastParallel, s.N), Cell(s.FastBuggy, s.N), Cell(s.Sample, s.N), Cell(s.SampleParallel, s.N),
                $"{Fmt.Int(s.Fast.Evaluations)} / {Fmt.Int(s.FastBuggy.Evaluations)} / {Fmt.Int(s.Sample.Evaluations)}", expected ? "yes" : "no");
        }
        text.Append(table);
        text.AppendLine();
        var large = result.Sizes.Where(s => s.N >= 1_000_000).ToArray();
        bool met = large.Length > 0 && large.All(s => Copies(s.Fast, s.N) <= 1.5 && Copies(s.FastBuggy, s.N) <= 1.5);
        text.AppendLine($"Target: at most 1.5 copies sequential at n = 10⁶ and 10⁷, and nothing proportional to n per evaluation. 1.5 copies: {(large.Length == 0 ? "not measured at these sizes" : met ? "met" : "not met")}.");
        text.AppendLine("What a sequential check holds: the snapshot (1 copy); the analytic gradient is read in place from the array the gradient");
        text.AppendLine("returned (this one returns the same buffer every call; the reentrancy check compares the two calls by a fingerprint of their");
        text.AppendLine("bits, and the check fingerprints the array again before it reports); the ±1 signs of the 5 fast directions and of the noise");
        int extra = result.Sizes.Max(s => s.FastBuggy.Evaluations - s.Fast.Evaluations);
        double difference = result.Sizes.Max(s => Math.Abs(Copies(s.FastBuggy, s.N) - Copies(s.Fast, s.N)));
        text.AppendLine("probe's 4 directions, one bit per coordinate (9/64 ≈ 0.14 copy). Nothing is proportional to n per evaluation: the 1 % bug");
        text.AppendLine($"makes up to {Fmt.Int(extra)} more evaluations than the correct gradient and allocates at most {Fmt.Fixed(difference, 3)} copy more. Each parallel worker perturbs its own");
        text.AppendLine($"copy of the point (the caller's array is used only before the workers start): + 1 copy per worker, + {Degree} at p = {Degree}.");
        text.AppendLine();
        text.AppendLine($"Before (measured on commit e1d45d0 with this section's code): {Baseline}. {BeforeInPlace}.");
        text.AppendLine();
        return text.ToString();
    }

    private static string Cell(Check check, int n) => $"{Fmt.Fixed(Copies(check, n))} ({Fmt.Fixed(check.Bytes / 1e6, 1)})";

    /// <summary>One line for the headline numbers.</summary>
    public static string Headline(Result result) =>
        "- Memory GradCheck allocates per fast check, in copies of the point (sequential / p = " + Degree + "): "
        + string.Join("; ", result.Sizes.Select(s => $"n = {Fmt.Int(s.N)}: {Fmt.Fixed(Copies(s.Fast, s.N))} / {Fmt.Fixed(Copies(s.FastParallel, s.N))}"))
        + " (floor 1: the snapshot that restores the point).";
}
