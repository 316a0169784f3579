namespace GradCheck;

/// <summary>How a gradient check spends its function evaluations.</summary>
public enum CheckMode
{
    /// <summary>Every (planned) coordinate gets its own adaptive finite difference: at least 2 evaluations per coordinate.</summary>
    Full,

    /// <summary>
    /// A few directional checks along random ±1 directions (about 10 evaluations each, whatever the dimension);
    /// when one fails, the wrong entries are located by bisecting the coordinates and checked one by one.
    /// </summary>
    Fast,
}
