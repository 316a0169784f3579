using System.Globalization;
using System.Numerics;

namespace GradCheck.Internal;

/// <summary>
/// Whether a check reads the analytic gradient in place (the first run) or from a private copy (the run again after
/// f wrote into the array the gradient returned, see <see cref="GradientValues{T}"/>), and what the first run cost.
/// </summary>
internal sealed class GradientRerun
{
    private GradientRerun(int priorEvaluations, bool copyGradient)
    {
        PriorEvaluations = priorEvaluations;
        CopyGradient = copyGradient;
    }

    /// <summary>The first run: the gradient is read in place.</summary>
    public static GradientRerun None { get; } = new(0, copyGradient: false);

    /// <summary>The run again, on a copy, after a first run that made <paramref name="evaluations"/> evaluations.</summary>
    public static GradientRerun After(int evaluations) => new(evaluations, copyGradient: true);

    /// <summary>Evaluations of f the first run made; the report counts them too.</summary>
    public int PriorEvaluations { get; }

    public bool CopyGradient { get; }

    /// <summary>The values to judge: <paramref name="values"/> in place, or copied on the run again.</summary>
    public GradientValues<T> Keep<T>(T[] values, ulong? fingerprint = null) where T : IFloatingPointIeee754<T> =>
        CopyGradient ? GradientValues<T>.Copy(values) : GradientValues<T>.Borrow(values, fingerprint);

    /// <summary>What the report says about a run again; null on the first run.</summary>
    public string? Warning => CopyGradient
        ? string.Create(CultureInfo.InvariantCulture,
            $"The function wrote into the array the gradient returned while the check ran, so the entries were judged on values that changed; the check ran again on a copy of the gradient (its count includes the first run's {PriorEvaluations} evaluations). ")
          + "Return a fresh array from the gradient, or one the function never writes to, and the check runs once."
        : null;
}
