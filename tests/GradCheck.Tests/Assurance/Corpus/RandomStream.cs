namespace GradCheck.Tests.Assurance;

/// <summary>
/// The private random generator of one family (or base loss) and seed. Each gets its own stream (a stable FNV-1a hash of its
/// name mixed with the seed; string.GetHashCode changes per process), so two families never share their draws and
/// count as independent evidence in the benchmark.
/// </summary>
internal static class RandomStream
{
    public static Random For(string family, int seed)
    {
        uint hash = 2166136261;
        foreach (char c in family) hash = (hash ^ c) * 16777619;
        return new Random((int)(hash ^ (uint)seed * 2654435761));
    }
}
