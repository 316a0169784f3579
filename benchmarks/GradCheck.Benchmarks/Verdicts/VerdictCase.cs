using System.Numerics;

namespace GradCheck.Benchmarks.Verdicts;

/// <summary>One (function, claimed gradient) pair of the corpus, with the entries that are really wrong.</summary>
public interface IVerdictCase
{
    string Name { get; }

    /// <summary>Row of the breakdown table, e.g. "correct: ML losses" or "bug: one entry off 0.01 %".</summary>
    string Group { get; }

    string Precision { get; }

    bool IsCorrect { get; }

    /// <summary>Entries whose claimed value differs from the exact one (relative difference above 1e-9 in double, 1e-5 in float).</summary>
    bool[] Wrong { get; }

    IReadOnlyDictionary<Rule, RuleOutcome> Run();
}

public sealed class VerdictCase<T>(string name, string group, Func<T[], T> f, Func<T[], T[]> exact, Func<T[], T[]> claimed, T[] point)
    : IVerdictCase where T : IFloatingPointIeee754<T>
{
    public string Name { get; } = name;

    public string Group { get; } = group;

    public string Precision => typeof(T) == typeof(float) ? "float" : "double";

    public bool IsCorrect => !Wrong.Any(w => w);

    public bool[] Wrong { get; } = WrongEntries(exact((T[])point.Clone()), claimed((T[])point.Clone()));

    public IReadOnlyDictionary<Rule, RuleOutcome> Run()
    {
        var x = (T[])point.Clone();
        var report = GradientCheck.Run(f, claimed, x, null, CancellationToken.None);
        var flags = new bool[x.Length];
        var inconclusive = new bool[x.Length];
        foreach (var e in report.Failures) flags[e.Index] = true;
        foreach (var e in report.Entries.Where(e => e.IsInconclusive)) inconclusive[e.Index] = true;
        var analytic = claimed((T[])point.Clone()).Select(double.CreateChecked).ToArray();
        return new Dictionary<Rule, RuleOutcome>
        {
            [Rule.GradCheck] = new(flags, report.FunctionEvaluations, inconclusive),
            [Rule.Seed] = FixedRules.Seed(f, x, analytic),
            [Rule.PyTorch] = FixedRules.PyTorch(f, x, analytic),
        };
    }

    private static bool[] WrongEntries(T[] exact, T[] claimed)
    {
        double threshold = typeof(T) == typeof(float) ? 1e-5 : 1e-9;
        return exact.Select((e, i) =>
        {
            double a = double.CreateChecked(e), c = double.CreateChecked(claimed[i]);
            return Math.Abs(a - c) > threshold * Math.Max(Math.Abs(a), Math.Abs(c));
        }).ToArray();
    }
}
