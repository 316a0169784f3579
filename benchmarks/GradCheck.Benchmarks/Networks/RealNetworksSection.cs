using System.Text;
using GradCheck.Benchmarks.Report;
using GradCheck.Benchmarks.Verdicts;
using GradCheck.Tests.RealNetworks.Corpus;

namespace GradCheck.Benchmarks.Networks;

/// <summary>
/// Section 6: correct hand-written backward passes of real networks (the unit tests' corpus, at the sizes where false
/// alarms were reported) and a 5 % error on their largest entry, judged by GradCheck (full and fast), the classic
/// central-difference check and PyTorch's rule, in double and float32.
/// </summary>
public static class RealNetworksSection
{
    public const string Heading = "## 6. Real networks: false alarms and misses";

    private static readonly string[] Checkers = ["GradCheck full", "GradCheck fast", "classic h=1e-3", "PyTorch rule"];

    /// <summary>One network in one precision: per checker, outcomes on the correct gradients and on the planted bug.</summary>
    public sealed record Row(string Network, string Precision, IReadOnlyDictionary<string, (int Passed, int Failed, int Inconclusive)> Correct,
        IReadOnlyDictionary<string, (int Caught, int Missed, int Inconclusive)> Bug, Distribution FullEvaluations);

    public sealed record Result(IReadOnlyList<Row> Rows, int Seeds);

    public static Result Measure(BenchmarkSettings settings)
    {
        var rows = new List<Row>();
        foreach (string name in NetworkCorpus.Names)
            foreach (bool single in new[] { false, true })
                rows.Add(MeasureOne(name, single, settings.NetworkSeeds));
        return new Result(rows, settings.NetworkSeeds);
    }

    private static Row MeasureOne(string name, bool single, int seeds)
    {
        var correct = Checkers.ToDictionary(c => c, _ => (Passed: 0, Failed: 0, Inconclusive: 0));
        var bug = Checkers.ToDictionary(c => c, _ => (Caught: 0, Missed: 0, Inconclusive: 0));
        var evaluations = new List<int>();
        for (int seed = 1; seed <= seeds; seed++)
        {
            var net = NetworkCorpus.Create(name, seed);
            var w = net.Init(seed);
            if (single) w = w.Select(v => (double)(float)v).ToArray();
            var exact = net.Grad<double>(w);
            int largest = Array.IndexOf(exact, exact.MaxBy(Math.Abs));
            foreach (string checker in Checkers)
            {
                var (verdict, _) = Judge(checker, net, w, single, planted: -1, checker == "GradCheck full" ? evaluations : null);
                var c = correct[checker];
                correct[checker] = verdict switch
                {
                    CheckOutcome.Passed => (c.Passed + 1, c.Failed, c.Inconclusive),
                    CheckOutcome.Failed => (c.Passed, c.Failed + 1, c.Inconclusive),
                    _ => (c.Passed, c.Failed, c.Inconclusive + 1),
                };
                var (bugVerdict, located) = Judge(checker, net, w, single, planted: largest);
                var b = bug[checker];
                bug[checker] = bugVerdict == CheckOutcome.Failed && located ? (b.Caught + 1, b.Missed, b.Inconclusive)
                    : bugVerdict == CheckOutcome.Passed ? (b.Caught, b.Missed + 1, b.Inconclusive)
                    : (b.Caught, b.Missed, b.Inconclusive + 1);
            }
        }
        return new Row(net0(name).Name, single ? "float" : "double", correct, bug, Distribution.Of(evaluations));

        static INet net0(string name) => NetworkCorpus.Create(name, 1);
    }

    /// <summary>
    /// The checker's verdict, and whether the planted entry was named (fast mode and the fixed rules: any failure counts);
    /// GradCheck's evaluations per entry go to <paramref name="evaluations"/> when given.
    /// </summary>
    private static (CheckOutcome Verdict, bool Located) Judge(string checker, INet net, double[] w, bool single, int planted, List<int>? evaluations = null)
    {
        double[] Gradient(double[] x) { var g = net.Grad<double>(x); if (planted >= 0) g[planted] *= 1.05; return g; }
        float[] GradientF(float[] x) { var g = net.Grad<float>(x); if (planted >= 0) g[planted] *= 1.05f; return g; }
        var wf = w.Select(v => (float)v).ToArray();
        switch (checker)
        {
            case "GradCheck full":
            case "GradCheck fast":
                var options = new GradientCheckOptions { Mode = checker.EndsWith("fast", StringComparison.Ordinal) ? CheckMode.Fast : CheckMode.Full };
                var report = single ? GradientCheck.Run(net.Loss<float>, GradientF, wf, options) : GradientCheck.Run(net.Loss<double>, Gradient, w, options);
                bool located = options.Mode == CheckMode.Fast ? report.Failures.Count > 0 : report.Failures.Any(f => f.Index == planted);
                evaluations?.AddRange(report.Entries.Select(e => e.Evaluations));
                return (report.Outcome, located);
            default:
                var analytic = single ? GradientF(wf).Select(v => (double)v).ToArray() : Gradient(w);
                var outcome = (checker, single) switch
                {
                    ("PyTorch rule", true) => FixedRules.PyTorch(net.Loss<float>, wf, analytic),
                    ("PyTorch rule", false) => FixedRules.PyTorch(net.Loss<double>, w, analytic),
                    (_, true) => FixedRules.Seed(net.Loss<float>, wf, analytic),
                    _ => FixedRules.Seed(net.Loss<double>, w, analytic),
                };
                bool flagged = outcome.Flagged.Any(f => f);
                return (flagged ? CheckOutcome.Failed : CheckOutcome.Passed, planted >= 0 && outcome.Flagged[planted]);
        }
    }

    public static string Headline(Result result)
    {
        int checks = result.Rows.Count * result.Seeds;
        string Alarms(string checker, string precision) =>
            $"{result.Rows.Where(r => r.Precision == precision).Sum(r => r.Correct[checker].Failed)} of {result.Rows.Count(r => r.Precision == precision) * result.Seeds}";
        return $"- Real networks (section 6): false alarms on correct backward passes, double / float32 — "
               + string.Join(", ", Checkers.Select(c => $"{c} {Alarms(c, "double")} / {Alarms(c, "float")}"))
               + $"; the 5 % bug on the largest entry passed by GradCheck full in {result.Rows.Sum(r => r.Bug["GradCheck full"].Missed)} of {checks} checks.";
    }

    public static string Render(Result result)
    {
        var text = new StringBuilder();
        text.AppendLine(Heading);
        text.AppendLine();
        text.AppendLine($"The real-network corpus of the unit tests (`tests/GradCheck.Tests/RealNetworks/Corpus`, linked), {result.Seeds} seeds each:");
        text.AppendLine("MLPs of 64 samples × 10 inputs → 32 hidden (ReLU, tanh) → 5-class softmax cross-entropy, the leaky-ReLU MLP at the same");
        text.AppendLine("size, a conv1d layer (4 channels, kernel 5, batch 32 × length 40: 1,152 ReLU positions per channel) → mean pool, or max");
        text.AppendLine("pool over windows of 4 then mean → dense → MSE, and a tanh RNN (12 steps, hidden 16, input 6, batch 8) with backprop");
        text.AppendLine("through time, a 16 × 4 → 8 MLP with layer norm (gain and bias) and tanh → 3 classes, and L2 logistic regression over");
        text.AppendLine("2,000 samples × 30 features, a wider tanh MLP (128 samples × 20 inputs → 48 → 10 classes), and single-head");
        text.AppendLine("self-attention (8 sequences × 6 positions × 4 dimensions → mean → dense → MSE), and an image classifier (8 images 8 × 8,");
        text.AppendLine("conv 3×3 with 4 filters → batch norm → ReLU → max pool 2×2 → dense → 3-class softmax), and a strided conv regressor");
        text.AppendLine("(8 images 11 × 11, conv 3×3 stride 2 padding 1 → clamp to [−1, 1] → average pool → dense → L1 loss), a GRU (10 steps,");
        text.AppendLine("hidden 12, input 5, batch 8, MSE on the last state) and a deep MLP (32 × 8 → four SiLU layers of 16 → 4-class softmax");
        text.AppendLine("cross-entropy). Each backward pass is hand-written");
        text.AppendLine("and generic; the double one is checked exactly on dual numbers in the unit tests. float rows check the float32 loss and");
        text.AppendLine("backward pass. Correct: P(assed) / F(ailed: a false alarm) / I(nconclusive). Bug (5 % on the largest entry):");
        text.AppendLine("C(aught, and in full mode named) / M(issed: PASSED) / I(nconclusive or failed elsewhere). Default options throughout.");
        text.AppendLine();
        var table = new MarkdownTable(["network", "precision", .. Checkers.Select(c => $"{c}: correct P/F/I"), .. Checkers.Select(c => $"{c}: bug C/M/I")]);
        foreach (var row in result.Rows)
            table.Add([row.Network, row.Precision,
                .. Checkers.Select(c => $"{row.Correct[c].Passed} / {row.Correct[c].Failed} / {row.Correct[c].Inconclusive}"),
                .. Checkers.Select(c => $"{row.Bug[c].Caught} / {row.Bug[c].Missed} / {row.Bug[c].Inconclusive}")]);
        text.Append(table);
        text.AppendLine();
        text.AppendLine("A failing entry (and in fast mode a failing direction that no entry explains) is estimated again from the largest");
        text.AppendLine("steps that cross no switch point, with the noise measured along it; it fails only when that estimate misses too.");
        text.AppendLine("Known limit: in float32, ReLU weights whose switch points lie closer than any step rounding leaves usable stay");
        text.AppendLine("Inconclusive (the full check of all entries is then Inconclusive, never Passed), and the full check of every");
        text.AppendLine("entry of a float32 ReLU MLP can still fail a few correct entries whose nearest switch points sit below float32's reach.");
        text.AppendLine("Check ReLU networks in double, or with `GradientCheck.RunExact` (dual numbers).");
        text.AppendLine();
        text.AppendLine("Evaluations per coordinate of GradCheck full on the correct networks (every entry, every seed): mean / median /");
        text.AppendLine("90th percentile / max. Rechecks of failing entries (plateau, shrinking steps) and repeats of irregular ones are in the tail.");
        text.AppendLine();
        var costs = new MarkdownTable(["network", .. result.Rows.Select(r => r.Precision).Distinct().Select(p => $"{p}: mean / median / p90 / max")]);
        foreach (var network in result.Rows.GroupBy(r => r.Network))
            costs.Add([network.Key, .. network.Select(r => r.FullEvaluations.Render())]);
        text.Append(costs);
        text.AppendLine();
        return text.ToString();
    }
}
