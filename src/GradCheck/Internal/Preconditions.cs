namespace GradCheck.Internal;

/// <summary>
/// Where a public entry point checks the options it was given, once, before anything runs: the internals (checkers,
/// estimators, workers) take the options it returns as valid and never check them again, so a check with four workers
/// or ten tensors does not refuse the same value eleven times, and a model's loss is never called with options that
/// cannot work. Every check's entry point comes here, whatever its options record.
/// </summary>
internal static class Preconditions
{
    /// <summary>The options a check runs with: the defaults for null, or <paramref name="options"/> once every value is usable.</summary>
    /// <exception cref="ArgumentException">A value that cannot work (<see cref="OptionsValidation"/> says which and why).</exception>
    public static GradientCheckOptions ValidOptions(GradientCheckOptions? options)
    {
        options ??= GradientCheckOptions.Default;
        OptionsValidation.Validate(options);
        return options;
    }

    /// <inheritdoc cref="ValidOptions(GradientCheckOptions?)"/>
    public static HessianCheckOptions ValidOptions(HessianCheckOptions? options)
    {
        options ??= HessianCheckOptions.Default;
        OptionsValidation.Validate(options);
        return options;
    }

    /// <inheritdoc cref="ValidOptions(GradientCheckOptions?)"/>
    public static TaylorTestOptions ValidOptions(TaylorTestOptions? options)
    {
        options ??= TaylorTestOptions.Default;
        OptionsValidation.Validate(options);
        return options;
    }

    /// <inheritdoc cref="ValidOptions(GradientCheckOptions?)"/>
    public static DescentCheckOptions ValidOptions(DescentCheckOptions? options)
    {
        options ??= DescentCheckOptions.Default;
        OptionsValidation.Validate(options);
        return options;
    }

    /// <summary>A vector the options give for the point (a Taylor direction, a Hessian direction) has the point's length.</summary>
    /// <exception cref="ArgumentException">It has another length: says both.</exception>
    public static void RequireSameLength(IReadOnlyList<double> vector, int dimension, string what)
    {
        if (vector is null || vector.Count != dimension)
            throw new ArgumentException(
                $"{what} has {(vector is null ? "no" : vector.Count)} entries but the point has {dimension}; they must have the same length.", "options");
    }
}
