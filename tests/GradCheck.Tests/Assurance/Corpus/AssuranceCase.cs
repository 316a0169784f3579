using System.Numerics;

namespace GradCheck.Tests.Assurance;

/// <summary>One case of the false-assurance corpus, whatever its element type.</summary>
public interface IAssuranceCase
{
    /// <summary>The family (a row of the benchmark table), e.g. "dropout on the loss, rate 0.5".</summary>
    string Family { get; }

    /// <summary>The family's group: randomness, jumps, drowned, Half precision or control.</summary>
    string Group { get; }

    /// <summary>Family, base loss and seed.</summary>
    string Name { get; }

    Expectation Expected { get; }

    /// <summary>The entry with the jump (jump families only).</summary>
    int? Entry { get; }

    /// <summary>GradientCheck.Run on a fresh instance of the function (its random state or call counter starts over).</summary>
    CheckResult Check(GradientCheckOptions? options);

    /// <summary>The same through <see cref="ModelCheck.Run{T}"/>, the point split into two parameter tensors.</summary>
    CheckResult CheckModel(GradientCheckOptions? options);

    /// <summary>Hands the typed case to a visitor (the benchmark's fixed rules are generic in the element type).</summary>
    TResult Accept<TResult>(IAssuranceCaseVisitor<TResult> visitor);
}

public interface IAssuranceCaseVisitor<out TResult>
{
    TResult Visit<T>(AssuranceCase<T> assuranceCase) where T : IFloatingPointIeee754<T>;
}

/// <summary>
/// A case in element type <typeparamref name="T"/>. NewFunction makes a fresh function per check, so every checker meets
/// the same sequence of random draws or calls; Gradient is the correct gradient of the smooth part, or (Half family)
/// one with a planted error.
/// </summary>
public sealed record AssuranceCase<T>(
    string Group, string Family, string Name, Expectation Expected, Func<Func<T[], T>> NewFunction, Func<T[], T[]> Gradient, T[] Point, int? Entry = null)
    : IAssuranceCase where T : IFloatingPointIeee754<T>
{
    public CheckResult Check(GradientCheckOptions? options) =>
        CheckResult.Guard(() => GradientCheck.Run(NewFunction(), Gradient, (T[])Point.Clone(), options, CancellationToken.None));

    public CheckResult CheckModel(GradientCheckOptions? options) =>
        CheckResult.Guard(() => ModelCheck.Run(new FunctionModel<T>(NewFunction(), Gradient, Point), options).Details);

    public TResult Accept<TResult>(IAssuranceCaseVisitor<TResult> visitor) => visitor.Visit(this);

    public override string ToString() => Name;
}
