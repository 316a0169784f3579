namespace GradCheck.Cli.Running;

/// <summary>How thoroughly to check.</summary>
internal enum CheckMode
{
    /// <summary>Every entry with the adaptive scheme and the error budget.</summary>
    Full,

    /// <summary>
    /// A cheaper check. TODO: map to the core's fast mode once it exists; until then Fast runs exactly like Full
    /// and reports say so ("effectiveMode": "full").
    /// </summary>
    Fast,
}
