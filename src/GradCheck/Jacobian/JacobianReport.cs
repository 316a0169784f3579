namespace GradCheck;

/// <summary>
/// The outcome of a Jacobian check (<see cref="JacobianCheck"/>): a <see cref="GradientReport"/> whose entries are
/// Jacobian entries ∂y[i]/∂x[j] at <see cref="EntryResult.Index"/> i·<see cref="Inputs"/> + j, with the Jacobian's
/// shape and a look-up by output and input. Code written against <see cref="GradientReport"/> keeps working.
/// </summary>
public sealed class JacobianReport : GradientReport
{
    private Dictionary<int, EntryResult>? _byIndex;

    internal JacobianReport(CheckFacts facts, int outputs, int inputs, string elementType, double largestOutput, GradientCheckOptions options)
        : base(facts.Entries, facts.FunctionEvaluations, facts.Warnings, outputs * inputs, elementType, facts.Method, facts.Seed, largestOutput, options.AcceptInconclusive)
    {
        Outputs = outputs;
        Inputs = inputs;
    }

    /// <summary>Outputs of the function: the Jacobian's rows.</summary>
    public int Outputs { get; }

    /// <summary>Inputs of the function (coordinates of the point): the Jacobian's columns.</summary>
    public int Inputs { get; }

    /// <summary>
    /// The checked entry ∂y[<paramref name="output"/>]/∂x[<paramref name="input"/>], or null when the check did not
    /// examine it (a sampled column, or an entry fast mode had no reason to locate).
    /// </summary>
    /// <param name="output">The output (row), 0 ≤ output &lt; <see cref="Outputs"/>.</param>
    /// <param name="input">The input (column), 0 ≤ input &lt; <see cref="Inputs"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside the Jacobian.</exception>
    public EntryResult? EntryAt(int output, int input)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(output, Outputs);
        ArgumentOutOfRangeException.ThrowIfNegative(input);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(input, Inputs);
        // Built once, on first use: reports are immutable. A later entry of the same index (a NotReentrant replacement) wins.
        _byIndex ??= Entries.GroupBy(e => e.Index).ToDictionary(g => g.Key, g => g.Last());
        return _byIndex.GetValueOrDefault((output * Inputs) + input);
    }
}
