using System.Globalization;
using System.Text;

namespace GradCheck;

/// <summary>Row-major multi-indices of flat positions, for the names reports print.</summary>
internal static class ParameterIndex
{
    public static string Name(string tensor, IReadOnlyList<int> shape, int flatIndex)
    {
        if (shape.Count == 0) return tensor;
        var index = new int[shape.Count];
        int rest = flatIndex;
        for (int d = shape.Count - 1; d >= 0; d--)
        {
            index[d] = rest % shape[d];
            rest /= shape[d];
        }
        var text = new StringBuilder(tensor).Append('[');
        text.AppendJoin(',', index.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        return text.Append(']').ToString();
    }

    public static string Shape(IReadOnlyList<int> shape) => $"[{string.Join(",", shape)}]";
}
