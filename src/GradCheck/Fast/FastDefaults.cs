namespace GradCheck.Fast;

/// <summary>The numbers that shape fast mode, each with the reason for its value.</summary>
internal static class FastDefaults
{
    /// <summary>
    /// Random directions checked. A single entry wrong by more than twice the directional tolerance fails every
    /// direction, so one would do for it; more directions are for several wrong entries that cancel: δ and −δ hide
    /// in half of all ±1 directions, so k directions miss them with probability 2⁻ᵏ. 5 keeps a smooth check within
    /// 100 evaluations whatever the dimension (2 at the point + 8 for the noise probe + 5 × at most 16 per
    /// direction = 90) and misses such a pair with probability 3%; FastDirections = 7 brings that below 1%.
    /// </summary>
    public const int Directions = 5;

    /// <summary>Segments of at most this many coordinates are not split again: checking each coordinate is cheaper.</summary>
    public const int LeafSize = 2;

    /// <summary>
    /// When more failing segments than this are open at one bisection level, the error is spread over too many
    /// entries for localisation to pay (e.g. a gradient scaled by 2): stop and check a sample.
    /// </summary>
    public const int MaxFrontier = 16;

    /// <summary>Coordinates checked one by one after localisation stops early.</summary>
    public const int SampleWhenTooMany = 20;

    /// <summary>
    /// A failing direction whose localisation blamed no entry fails the report only when it missed its tolerance by at
    /// least this factor (the same 2× that guarantees a single wrong entry fails every direction); below it the report is
    /// Inconclusive. Measured: a correct float32 tanh MLP (517 weights, 64 samples) failed a direction by 1.38× with every
    /// examined entry within tolerance (1 of 20 seeds), a false alarm.
    /// </summary>
    public const double UnconfirmedFailureScore = 2.0;
}
