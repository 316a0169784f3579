using System.Numerics;
using GradCheck.Fast;

namespace GradCheck.Jacobian;

/// <summary>
/// The analytic side of a Jacobian check, whichever form the user has: the full matrix, a vector-Jacobian product
/// (backward, vᵀJ) or a Jacobian-vector product (forward, Ju), in the user's element type T. Called on the checking
/// thread only, always at the unperturbed point. What it returns is in double: every value of T converts exactly, and
/// the vectors it sends the user (units, random ±1, their doubles) are exact in T, so nothing is rounded on the way.
/// </summary>
internal abstract class JacobianSource<T>(int outputs, int inputs) where T : IFloatingPointIeee754<T>
{
    public int Outputs { get; } = outputs;

    public int Inputs { get; } = inputs;

    /// <summary>The full analytic Jacobian, m × n (m products for a VJP, n for a JVP).</summary>
    public abstract double[,] Matrix(T[] x);

    /// <summary>Column j: ∂y/∂x_j for every output.</summary>
    public abstract double[] Column(T[] x, int j);

    /// <summary>The claimed vₖᵀJu along direction segments, one output vector vₖ per direction.</summary>
    public abstract IDirectionalAnalytic Directional(T[] x, double[][] v);

    /// <summary>PyTorch's contracts for the product (linearity, reentrancy within <paramref name="tolerance"/>); violations as failing entries.</summary>
    public abstract IReadOnlyList<ContractFailure> Contracts(T[] x, double[] upstream, double tolerance, List<string> warnings);
}

/// <summary>The user gave the whole Jacobian.</summary>
internal sealed class MatrixSource<T>(Func<T[], T[,]> jacobian, int outputs, int inputs) : JacobianSource<T>(outputs, inputs)
    where T : IFloatingPointIeee754<T>
{
    private double[,]? _matrix;

    public override double[,] Matrix(T[] x) => _matrix ??= Call(x);

    public override double[] Column(T[] x, int j)
    {
        var matrix = Matrix(x);
        return Enumerable.Range(0, Outputs).Select(i => matrix[i, j]).ToArray();
    }

    public override IDirectionalAnalytic Directional(T[] x, double[][] v)
    {
        var matrix = Matrix(x);
        var weights = v.Select(vk => Enumerable.Range(0, Inputs).Select(j => Enumerable.Range(0, Outputs).Sum(i => vk[i] * matrix[i, j])).ToArray()).ToArray();
        var magnitudes = Enumerable.Range(0, Inputs).Select(j => Enumerable.Range(0, Outputs).Sum(i => Math.Abs(matrix[i, j]))).ToArray();
        return new WeightsAnalytic(weights, magnitudes);
    }

    public override IReadOnlyList<ContractFailure> Contracts(T[] x, double[] upstream, double tolerance, List<string> warnings)
    {
        var first = Matrix(x);
        var again = Call(x);
        var a = first.Cast<double>().ToArray();
        var b = again.Cast<double>().ToArray();
        return BackwardContracts.Reentrant("jacobian(x)", a, b, tolerance, warnings) is { } failure ? [failure] : [];
    }

    private double[,] Call(T[] x)
    {
        var matrix = jacobian(x) ?? throw new ArgumentException("The Jacobian function returned null.");
        if (matrix.GetLength(0) != Outputs || matrix.GetLength(1) != Inputs)
            throw new ArgumentException($"The Jacobian is {matrix.GetLength(0)} × {matrix.GetLength(1)} but f has {Outputs} outputs and {Inputs} inputs: it must be outputs × inputs.");
        var values = new double[Outputs, Inputs];
        for (int i = 0; i < Outputs; i++)
            for (int j = 0; j < Inputs; j++) values[i, j] = double.CreateChecked(matrix[i, j]);
        return values;
    }
}

/// <summary>The user gave a vector-Jacobian product (x, v) ↦ vᵀJ, as a backward pass computes.</summary>
internal sealed class VjpSource<T>(Func<T[], T[], T[]> vjp, int outputs, int inputs) : JacobianSource<T>(outputs, inputs)
    where T : IFloatingPointIeee754<T>
{
    private double[,]? _matrix;

    public override double[,] Matrix(T[] x)
    {
        if (_matrix is not null) return _matrix;
        _matrix = new double[Outputs, Inputs];
        for (int i = 0; i < Outputs; i++)
        {
            var row = Call(x, JacobianVectors.Unit(Outputs, i));
            for (int j = 0; j < Inputs; j++) _matrix[i, j] = row[j];
        }
        return _matrix;
    }

    public override double[] Column(T[] x, int j)
    {
        var matrix = Matrix(x);
        return Enumerable.Range(0, Outputs).Select(i => matrix[i, j]).ToArray();
    }

    public override IDirectionalAnalytic Directional(T[] x, double[][] v)
    {
        var weights = v.Select(vk => Call(x, vk)).ToArray();
        return new WeightsAnalytic(weights, null);
    }

    public override IReadOnlyList<ContractFailure> Contracts(T[] x, double[] upstream, double tolerance, List<string> warnings) =>
        BackwardContracts.Linear("vjp", "v", v => Call(x, v), upstream, tolerance, warnings);

    private double[] Call(T[] x, double[] v)
    {
        var result = vjp(x, JacobianVectors.ToElementType<T>(v));
        JacobianShapes.RequireLength(result, Inputs, "The vector-Jacobian product");
        return JacobianVectors.ToDouble(result);
    }

}

/// <summary>The user gave a Jacobian-vector product (x, u) ↦ Ju, as forward-mode differentiation computes.</summary>
internal sealed class JvpSource<T>(Func<T[], T[], T[]> jvp, int outputs, int inputs) : JacobianSource<T>(outputs, inputs)
    where T : IFloatingPointIeee754<T>
{
    private readonly Dictionary<int, double[]> _columns = [];

    public override double[,] Matrix(T[] x)
    {
        var matrix = new double[Outputs, Inputs];
        for (int j = 0; j < Inputs; j++)
        {
            var column = Column(x, j);
            for (int i = 0; i < Outputs; i++) matrix[i, j] = column[i];
        }
        return matrix;
    }

    public override double[] Column(T[] x, int j)
    {
        if (!_columns.TryGetValue(j, out var column)) _columns[j] = column = Call(x, JacobianVectors.Unit(Inputs, j));
        return column;
    }

    public override IDirectionalAnalytic Directional(T[] x, double[][] v) => new JvpAnalytic(u => Call(x, u), v, Inputs);

    public override IReadOnlyList<ContractFailure> Contracts(T[] x, double[] upstream, double tolerance, List<string> warnings) =>
        BackwardContracts.Linear("jvp", "u", u => Call(x, u), upstream, tolerance, warnings);

    private double[] Call(T[] x, double[] u)
    {
        var result = jvp(x, JacobianVectors.ToElementType<T>(u));
        JacobianShapes.RequireLength(result, Outputs, "The Jacobian-vector product");
        return JacobianVectors.ToDouble(result);
    }
}

/// <summary>The vectors a Jacobian check sends to the user's products, and what comes back, between double and T.</summary>
internal static class JacobianVectors
{
    /// <summary>The unit vector eᵢ: a product with it is row or column i.</summary>
    public static double[] Unit(int length, int index)
    {
        var unit = new double[length];
        unit[index] = 1;
        return unit;
    }

    /// <summary>A fresh copy in T for the user's product (which may keep or write into it). Exact: the check sends 0, ±1 and ±2 only.</summary>
    public static T[] ToElementType<T>(double[] vector) where T : IFloatingPointIeee754<T> => Array.ConvertAll(vector, T.CreateChecked);

    /// <summary>The user's values in double (exact for every IEEE type up to double), null kept for the shape check to name.</summary>
    public static double[] ToDouble<T>(T[] values) where T : IFloatingPointIeee754<T> => Array.ConvertAll(values, v => double.CreateChecked(v));
}
