using GradCheck.Verdicts;

namespace GradCheck.Lines;

/// <summary>
/// The error budget for the entries of one row of analytic values (one output's gradient): what the numerics can
/// explain of a difference, at the row's scale and the element type's rounding. Made by <see cref="LineCheck.Budget"/>
/// once per row and shared by the row's entries, so building it costs one pass over the row, not one per entry.
/// </summary>
public sealed class EntryBudget
{
    internal EntryBudget(ErrorBudget budget) => Inner = budget;

    internal ErrorBudget Inner { get; }
}
