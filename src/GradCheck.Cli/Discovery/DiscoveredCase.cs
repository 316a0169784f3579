namespace GradCheck.Cli.Discovery;

/// <summary>A case found by discovery, with what its attribute declares.</summary>
/// <param name="Name">The name used in reports and filters.</param>
/// <param name="Description">The attribute's description, if any.</param>
/// <param name="ExpectFailure">True for a negative test (a planted bug): failing is the expected verdict.</param>
/// <param name="Source">The declaring method, <c>Type.Method</c>, so a user can find the case.</param>
/// <param name="Case">The case to run; null when the method could not produce one.</param>
/// <param name="DiscoveryError">Why the method could not produce a case (wrong signature, threw); null otherwise.</param>
internal sealed record DiscoveredCase(string Name, string? Description, bool ExpectFailure, string Source, CheckCase? Case, string? DiscoveryError = null);
