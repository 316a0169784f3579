namespace GradCheck.Tests.Assurance;

internal static class Vectors
{
    public static double[] Add(double[] a, double[] b) => a.Select((v, i) => v + b[i]).ToArray();

    /// <summary>A copy of <paramref name="x"/> with entry <paramref name="j"/> set to <paramref name="value"/>.</summary>
    public static double[] With(double[] x, int j, double value)
    {
        var copy = (double[])x.Clone();
        copy[j] = value;
        return copy;
    }

    /// <summary><paramref name="delta"/> times the j-th unit vector of length <paramref name="n"/>.</summary>
    public static double[] Unit(int n, int j, double delta) => With(new double[n], j, delta);
}
