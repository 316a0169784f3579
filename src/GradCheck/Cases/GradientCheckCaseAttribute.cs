namespace GradCheck;

/// <summary>
/// Marks a public static method as a gradient check that the <c>gradcheck</c> tool discovers in a compiled
/// assembly, the way BenchmarkDotNet discovers benchmarks. The method takes no parameters and returns a
/// <see cref="CheckCase"/> or an <see cref="IEnumerable{T}"/> of them.
/// </summary>
/// <example>
/// <code>
/// [GradientCheckCase(Description = "my loss at random weights")]
/// public static CheckCase MyLoss() =>
///     CheckCase.Function("my-loss", Loss, Backprop, InitialWeights());
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class GradientCheckCaseAttribute : Attribute
{
    /// <summary>
    /// Overrides the case's name in reports and filters. Null: the <see cref="CheckCase.Name"/> of each returned
    /// case. Only meaningful on a method that returns a single case.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>One line on what the case checks, shown in reports.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// True for a negative test: a case whose gradient is wrong on purpose (a planted bug). Runners count such a
    /// case as expected when its check fails, and as unexpected when it passes.
    /// </summary>
    public bool ExpectFailure { get; set; }
}
