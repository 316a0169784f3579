namespace GradCheck.Internal;

/// <summary>
/// Option values that cannot work, refused before the function is called. One method per options record; the settings
/// they share (<see cref="CheckOptions"/>) are refused by one rule, whatever the check.
/// </summary>
internal static class OptionsValidation
{
    /// <summary>The shared settings: noise levels and tolerances are finite and not negative.</summary>
    public static void Validate(CheckOptions options)
    {
        NonNegative(options.FunctionNoiseUlps, nameof(options.FunctionNoiseUlps));
        NonNegative(options.NondeterminismTolerance, nameof(options.NondeterminismTolerance));
    }

    public static void Validate(GradientCheckOptions options)
    {
        Validate((CheckOptions)options);
        Positive(options.Step, nameof(options.Step), "Step is the absolute finite-difference step of a fixed scheme, e.g. 1e-3.");
        Positive(options.InitialStep, nameof(options.InitialStep), "InitialStep is the first step of the adaptive scheme, e.g. 0.125.");
        NonNegative(options.ErrorEstimateSafety, nameof(options.ErrorEstimateSafety));
        if (options.MaxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDegreeOfParallelism,
                "MaxDegreeOfParallelism must be at least 1 (1 = sequential; 2 or more = that many threads, each on its own copy of the point).");
        if (options.FastDirections is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.FastDirections, "FastDirections must be at least 1 (null: 5).");
        if (options.Step is not null && options.Scheme is null)
            throw new ArgumentException("Step applies to a fixed Scheme only; set Scheme (e.g. FiniteDifferenceScheme.Central()) too, or leave Step null for the adaptive default.", nameof(options));
    }

    public static void Validate(HessianCheckOptions options)
    {
        Validate((CheckOptions)options);
        Positive(options.InitialStep, nameof(options.InitialStep), "InitialStep is the first step along v of the adaptive scheme, e.g. 0.125.");
        NonNegative(options.ErrorEstimateSafety, nameof(options.ErrorEstimateSafety));
        if (options.Directions is null && options.DirectionCount < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.DirectionCount, "DirectionCount must be at least 1.");
        if (options.Directions is { Count: 0 })
            throw new ArgumentException("Directions is empty: give at least one vector v, or leave it null for random ones.", nameof(options));
        if (options.Directions?.Any(v => v is null || v.Any(e => !double.IsFinite(e)) || v.All(e => e == 0)) == true)
            throw new ArgumentException("Every direction must be finite and not all zero.", nameof(options));
    }

    public static void Validate(TaylorTestOptions options)
    {
        Validate((CheckOptions)options);
        if (options.InitialStep is { } h0 && (!(h0 > 0) || !double.IsFinite(h0)))
            throw new ArgumentOutOfRangeException(nameof(options), h0, "InitialStep must be a finite number > 0 (or null for the default).");
        if (options.RequiredOrder is { } order && (!(order > 1) || !double.IsFinite(order)))
            throw new ArgumentOutOfRangeException(nameof(options), order, "RequiredOrder must be a finite number > 1 (a wrong gradient gives order 1); the default is 1.8.");
        if (options.MaxUndetectableError is { } missed && (!(missed > 0) || !double.IsFinite(missed)))
            throw new ArgumentOutOfRangeException(nameof(options), missed, "MaxUndetectableError must be a finite number > 0, e.g. 0.1.");
        if (options.Direction is { } direction && (direction.Any(v => !double.IsFinite(v)) || direction.All(v => v == 0)))
            throw new ArgumentException("The direction must be finite and not all zero.", nameof(options));
    }

    public static void Validate(DescentCheckOptions options)
    {
        Validate((CheckOptions)options);
        if (options.InitialStepSize is { } eta && (!(eta > 0) || !double.IsFinite(eta)))
            throw new ArgumentOutOfRangeException(nameof(options), eta, "InitialStepSize must be a finite number > 0 (or null for the default).");
        NonNegative(options.ErrorEstimateSafety, nameof(options.ErrorEstimateSafety));
    }

    private static void Positive(double? value, string name, string hint)
    {
        if (value is { } v && (!(v > 0) || !double.IsFinite(v)))
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be a finite number > 0. {hint}");
    }

    /// <summary>Refuses a negative, NaN or infinite value: the rule for noise levels, tolerances and safety factors of every options record.</summary>
    private static void NonNegative(double? value, string name)
    {
        if (value is { } v && (!(v >= 0) || !double.IsFinite(v)))
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be a finite number ≥ 0.");
    }
}
