using GradCheck.Tests.Support;

namespace GradCheck.Benchmarks.Verdicts;

/// <summary>
/// The verdict corpus: correct gradients of the kinds users check (including hard-but-correct ones and kinks
/// with valid subgradients) and planted bugs of the kinds users make, in double and float.
/// </summary>
public static class Corpus
{
    public static IReadOnlyList<IVerdictCase> Build(int seeds)
    {
        var cases = new List<IVerdictCase>();
        for (int s = 0; s < seeds; s++)
        {
            int seed = 1000 + 97 * s;
            foreach (var p in MlProblems(seed)) cases.Add(Correct(p, "correct: ML losses"));
            foreach (var p in HardProblems(seed)) cases.Add(Correct(p, "correct: hard numerics"));
            foreach (var c in Kinks(s)) cases.Add(c);
            foreach (var p in MlProblems(seed + 1)) cases.AddRange(Bugs(p, seed));
            foreach (var p in HardProblems(seed + 2))
            {
                cases.Add(OneEntry(p, seed, "bug: hard numerics, one entry off 1 %", g => g * 1.01));
                cases.Add(OneEntry(p, seed, "bug: hard numerics, one entry off 0.01 %", g => g * 1.0001));
            }
            foreach (var p in FloatProblemsFor(seed)) cases.AddRange(FloatCases(p, seed));
        }
        return cases;
    }

    private static IEnumerable<Problem> MlProblems(int seed) =>
    [
        TestProblems.Quadratic(6, seed),
        TestProblems.Logistic(5, 12, seed),
        TestProblems.SoftmaxCrossEntropy(3, 4, 6, seed),
        TestProblems.TanhNetwork(3, 4, 5, seed),
        TestProblems.Rosenbrock(5, seed),
    ];

    private static IEnumerable<Problem> HardProblems(int seed) =>
    [
        TestProblems.SoftmaxCrossEntropy(3, 2, 4, seed, scale: 30),
        TestProblems.LogSumExpLarge(5, seed),
        TestProblems.HugeAndTiny(4, seed),
        TestProblems.TinyGradient(5, seed),
        TestProblems.LargeOffset(4, seed),
        TestProblems.NearDomainEdge(4, seed),
    ];

    private static IEnumerable<FloatProblem> FloatProblemsFor(int seed) =>
    [
        FloatProblems.TanhNetwork(3, 4, 6, seed),
        FloatProblems.SoftmaxCrossEntropy(4, 3, 8, seed),
        FloatProblems.Quadratic(8, seed),
    ];

    private static VerdictCase<double> Correct(Problem p, string group) => new(p.Name, group, p.F, p.Gradient, p.Gradient, p.Point);

    private static IEnumerable<IVerdictCase> Bugs(Problem p, int seed)
    {
        yield return OneEntry(p, seed, "bug: one entry off 1 %", g => g * 1.01);
        yield return OneEntry(p, seed, "bug: one entry off 0.01 %", g => g * 1.0001);
        yield return OneEntry(p, seed, "bug: sign flip", g => -g);

        var g0 = p.Gradient(p.Point);
        int a = BugIndex(g0, seed), b = Enumerable.Range(0, g0.Length).Select(i => (a + 1 + i) % g0.Length)
            .First(i => Math.Abs(g0[i] - g0[a]) > 1e-3 * Math.Abs(g0[a]));
        yield return Claimed(p, "bug: swapped entries", $"x[{a}]↔x[{b}]", x => { var g = p.Gradient(x); (g[a], g[b]) = (g[b], g[a]); return g; });

        // A different shift per coordinate (a uniform shift leaves softmax unchanged).
        var shift = TestProblems.RandomVector(new Random(seed), g0.Length);
        yield return Claimed(p, "bug: stale gradient", "at x + 1e-3·u", x => p.Gradient(x.Select((v, i) => v + 1e-3 * shift[i]).ToArray()));
        yield return Claimed(p, "bug: factor 2", "2·∇f", x => p.Gradient(x).Select(v => 2 * v).ToArray());

        // f + λ/2·|x|² with the λx term forgotten.
        const double lambda = 0.01;
        var regularised = p with { F = x => p.F(x) + 0.5 * lambda * x.Sum(v => v * v), Gradient = x => p.Gradient(x).Select((v, i) => v + lambda * x[i]).ToArray() };
        yield return new VerdictCase<double>($"{p.Name}, λ=0.01 term dropped", "bug: dropped regularisation", regularised.F, regularised.Gradient, p.Gradient, p.Point);
    }

    private static VerdictCase<double> OneEntry(Problem p, int seed, string group, Func<double, double> change)
    {
        int k = BugIndex(p.Gradient(p.Point), seed);
        return Claimed(p, group, $"x[{k}]", x => { var g = p.Gradient(x); g[k] = change(g[k]); return g; });
    }

    private static VerdictCase<double> Claimed(Problem p, string group, string detail, Func<double[], double[]> claimed) =>
        new($"{p.Name}: {group["bug: ".Length..]} {detail}", group, p.F, p.Gradient, claimed, p.Point);

    /// <summary>A seeded entry whose value is not negligible (≥ 1e-3 of the largest), so the planted bug is material.</summary>
    private static int BugIndex<T>(T[] gradient, int seed) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        double largest = gradient.Max(v => Math.Abs(double.CreateChecked(v)));
        var eligible = Enumerable.Range(0, gradient.Length).Where(i => Math.Abs(double.CreateChecked(gradient[i])) >= 1e-3 * largest).ToArray();
        return eligible[seed % eligible.Length];
    }

    private static IEnumerable<IVerdictCase> FloatCases(FloatProblem p, int seed)
    {
        yield return new VerdictCase<float>(p.Name, "float: correct", p.F, p.Gradient, p.Gradient, p.Point);
        int k = BugIndex(p.Gradient(p.Point), seed);
        yield return new VerdictCase<float>($"{p.Name}: x[{k}] off 5 %", "float bug: one entry off 5 %", p.F, p.Gradient,
            x => { var g = p.Gradient(x); g[k] *= 1.05f; return g; }, p.Point);
        yield return new VerdictCase<float>($"{p.Name}: x[{k}] sign flip", "float bug: sign flip", p.F, p.Gradient,
            x => { var g = p.Gradient(x); g[k] = -g[k]; return g; }, p.Point);
    }

    /// <summary>Kinks with valid subgradients (correct) and one invalid subgradient (a bug).</summary>
    private static IEnumerable<IVerdictCase> Kinks(int variant)
    {
        var random = new Random(500 + variant);
        var z = TestProblems.RandomVector(random, 4);
        z[variant % 4] = 0;
        z[(variant + 2) % 4] = 0;

        // ReLU at exactly 0, subgradient 0 (PyTorch's convention): Σ relu(xᵢ) + ½Σ xᵢ².
        double Relu(double[] x) => x.Sum(v => Math.Max(v, 0) + 0.5 * v * v);
        double[] ReluGrad(double[] x) => x.Select(v => (v > 0 ? 1 : 0) + v).ToArray();
        yield return new VerdictCase<double>("relu at 0, subgradient 0", "correct: kinks (valid subgradient)", Relu, ReluGrad, ReluGrad, z);

        // L1 regulariser at 0, subgradient 0: ½|x|² + 0.1·Σ|xᵢ|.
        double L1(double[] x) => x.Sum(v => 0.5 * v * v + 0.1 * Math.Abs(v));
        double[] L1Grad(double[] x) => x.Select(v => v + 0.1 * Math.Sign(v)).ToArray();
        yield return new VerdictCase<double>("L1 at 0, subgradient 0", "correct: kinks (valid subgradient)", L1, L1Grad, L1Grad, z);

        // max tie: max(x₀, x₁) + sin x₂ at x₀ = x₁, the first winner's gradient.
        double Max(double[] x) => Math.Max(x[0], x[1]) + Math.Sin(x[2]);
        double[] MaxGrad(double[] x) => [x[0] >= x[1] ? 1 : 0, x[0] >= x[1] ? 0 : 1, Math.Cos(x[2])];
        double tie = z[1];
        yield return new VerdictCase<double>("max tie, first winner", "correct: kinks (valid subgradient)", Max, MaxGrad, MaxGrad, [tie, tie, z[3]]);

        // Hinge at the margin: max(0, 1 − w·x) + 0.05·|w|² with w·x = 1 exactly, subgradient of the hinge 0.
        double[] input = [1, 0.5];
        double Hinge(double[] w) => Math.Max(0, 1 - (w[0] * input[0] + w[1] * input[1])) + 0.05 * (w[0] * w[0] + w[1] * w[1]);
        double[] HingeGrad(double[] w) => [0.1 * w[0], 0.1 * w[1]];
        double t = 0.25 * variant;   // w·x = (1 − t/2) + t/2 = 1 exactly
        yield return new VerdictCase<double>("hinge at the margin, subgradient 0", "correct: kinks (valid subgradient)", Hinge, HingeGrad, HingeGrad, [1 - 0.5 * t, t]);

        // A bug at a kink: relu'(0) claimed −1 (outside [0, 1]).
        yield return new VerdictCase<double>("relu at 0, claimed −1 (not a subgradient)", "bug: invalid subgradient at a kink", Relu, ReluGrad,
            x => ReluGrad(x).Select((g, i) => x[i] == 0 ? -1.0 + x[i] : g).ToArray(), z);
    }
}
