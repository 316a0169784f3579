namespace GradCheck.Internal;

/// <summary>
/// Where a public entry point checks the options it was given, once, before anything runs: the internals (checkers,
/// estimators, workers) take the options it returns as valid and never check them again, so a check with four workers
/// or ten tensors does not refuse the same value eleven times, and a model's loss is never called with options that
/// cannot work.
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
}
