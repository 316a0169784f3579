using System.Globalization;

namespace GradCheck.Internal;

/// <summary>How a check was made, in words: the finite-difference method and the tolerance rule (the reports' Method).</summary>
internal static class CheckDescription
{
    public static string Method(GradientCheckOptions options)
    {
        string scheme = options.Scheme is { } fixedScheme
            ? string.Create(CultureInfo.InvariantCulture, $"{fixedScheme.Name} differences, step {(options.Step is { } s ? s.ToString("G3", CultureInfo.InvariantCulture) : "ε^(1/(p+1))·max(|x|,1)")}")
            : "adaptive central differences with Richardson extrapolation";
        string rule = options.Tolerance is { } tolerance ? $"fixed tolerance {tolerance}" : "error-budget tolerance";
        return $"{scheme}; {rule}";
    }
}
