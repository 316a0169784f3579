using System.Collections;

namespace GradCheck.Internal;

/// <summary>
/// The indices 0..n−1 without storing them: a check of every coordinate at n = 10⁷ would otherwise hold 40 MB of
/// integers that say nothing (half a copy of a double point, once for the plan and again for each list derived from it).
/// </summary>
internal sealed class IndexRange(int count) : IReadOnlyList<int>
{
    public int Count { get; } = count >= 0 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "A range has at least 0 indices.");

    public int this[int index] => (uint)index < (uint)Count ? index : throw new ArgumentOutOfRangeException(nameof(index), index, $"Index {index} of {Count}.");

    public IEnumerator<int> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return i;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
