using System.Numerics;

namespace GradCheck.Internal;

/// <summary>
/// What every check of a scalar function sets up before the first evaluation: the validated plan, entry names,
/// the snapshot that restores the point, the evaluation count, the warnings so far and the entries the gradient did not reproduce.
/// </summary>
internal sealed class CheckContext<T> where T : IFloatingPointIeee754<T>
{
    private CheckContext(CheckPlan plan, Func<int, string> name, T[] snapshot, GradientRerun rerun)
    {
        Plan = plan;
        Name = name;
        Snapshot = snapshot;
        Rerun = rerun;
        Counter.Count = rerun.PriorEvaluations;
        if (rerun.Warning is { } warning) Warnings.Add(warning);
    }

    public CheckPlan Plan { get; }

    public Func<int, string> Name { get; }

    public T[] Snapshot { get; }

    /// <summary>Whether the analytic gradient is read in place or, on a run again, from a copy.</summary>
    public GradientRerun Rerun { get; }

    public EvaluationCounter Counter { get; } = new();

    public List<string> Warnings { get; } = [];

    /// <summary>Entries the gradient did not reproduce on a second call: they fail whatever finite differences say.</summary>
    public List<EntryResult> NotReentrant { get; } = [];

    /// <summary>Validates the point and the plan (throwing before f is called) and snapshots the point.</summary>
    /// <param name="point">The point to check.</param>
    /// <param name="options">The check's options.</param>
    /// <param name="rerun">Whether this is a run again on a copy of the gradient (see <see cref="GradientRerun"/>).</param>
    /// <param name="snapshot">A copy of the point the caller holds unchanged for the whole check; null: the point is copied.</param>
    public static CheckContext<T> Create(T[] point, GradientCheckOptions options, GradientRerun? rerun = null, T[]? snapshot = null)
    {
        PointValidation.Validate(point);
        var plan = CheckPlan.Create(options, point.Length);
        return new CheckContext<T>(plan, options.EntryName ?? (i => $"x[{i}]"), snapshot ?? (T[])point.Clone(), rerun ?? GradientRerun.None);
    }
}
