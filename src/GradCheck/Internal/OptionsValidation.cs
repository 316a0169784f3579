namespace GradCheck.Internal;

/// <summary>Option values that cannot work are refused before the function is called.</summary>
internal static class OptionsValidation
{
    public static void Validate(GradientCheckOptions options)
    {
        Positive(options.Step, nameof(options.Step), "Step is the absolute finite-difference step of a fixed scheme, e.g. 1e-3.");
        Positive(options.InitialStep, nameof(options.InitialStep), "InitialStep is the first step of the adaptive scheme, e.g. 0.125.");
        NonNegative(options.ErrorEstimateSafety, nameof(options.ErrorEstimateSafety));
        NonNegative(options.FunctionNoiseUlps, nameof(options.FunctionNoiseUlps));
        NonNegative(options.NondeterminismTolerance, nameof(options.NondeterminismTolerance));
        if (options.MaxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDegreeOfParallelism,
                "MaxDegreeOfParallelism must be at least 1 (1 = sequential; 2 or more = that many threads, each on its own copy of the point).");
        if (options.FastDirections is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.FastDirections, "FastDirections must be at least 1 (null: 5).");
        if (options.Step is not null && options.Scheme is null)
            throw new ArgumentException("Step applies to a fixed Scheme only; set Scheme (e.g. FiniteDifferenceScheme.Central()) too, or leave Step null for the adaptive default.", nameof(options));
    }

    private static void Positive(double? value, string name, string hint)
    {
        if (value is { } v && (!(v > 0) || !double.IsFinite(v)))
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be a finite number > 0. {hint}");
    }

    /// <summary>Refuses a negative, NaN or infinite value: the rule for noise levels, tolerances and safety factors of every options record.</summary>
    internal static void NonNegative(double? value, string name)
    {
        if (value is { } v && (!(v >= 0) || !double.IsFinite(v)))
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be a finite number ≥ 0.");
    }
}
