using GradCheck.Fast;

namespace GradCheck.Jacobian;

/// <summary>
/// The analytic side of a Jacobian check, whichever form the user has: the full matrix, a vector-Jacobian product
/// (backward, vᵀJ) or a Jacobian-vector product (forward, Ju). Called on the checking thread only, always at the
/// unperturbed point.
/// </summary>
internal abstract class JacobianSource(int outputs, int inputs)
{
    public int Outputs { get; } = outputs;

    public int Inputs { get; } = inputs;

    /// <summary>The full analytic Jacobian, m × n (m products for a VJP, n for a JVP).</summary>
    public abstract double[,] Matrix(double[] x);

    /// <summary>Column j: ∂y/∂x_j for every output.</summary>
    public abstract double[] Column(double[] x, int j);

    /// <summary>The claimed vₖᵀJu along direction segments, one output vector vₖ per direction.</summary>
    public abstract IDirectionalAnalytic Directional(double[] x, double[][] v);

    /// <summary>PyTorch's contracts for the product (linearity, reentrancy within <paramref name="tolerance"/>); violations as failing entries.</summary>
    public abstract IReadOnlyList<ContractFailure> Contracts(double[] x, double[] upstream, double tolerance, List<string> warnings);
}

/// <summary>The user gave the whole Jacobian.</summary>
internal sealed class MatrixSource(Func<double[], double[,]> jacobian, int outputs, int inputs) : JacobianSource(outputs, inputs)
{
    private double[,]? _matrix;

    public override double[,] Matrix(double[] x) => _matrix ??= Call(x);

    public override double[] Column(double[] x, int j)
    {
        var matrix = Matrix(x);
        return Enumerable.Range(0, Outputs).Select(i => matrix[i, j]).ToArray();
    }

    public override IDirectionalAnalytic Directional(double[] x, double[][] v)
    {
        var matrix = Matrix(x);
        var weights = v.Select(vk => Enumerable.Range(0, Inputs).Select(j => Enumerable.Range(0, Outputs).Sum(i => vk[i] * matrix[i, j])).ToArray()).ToArray();
        var magnitudes = Enumerable.Range(0, Inputs).Select(j => Enumerable.Range(0, Outputs).Sum(i => Math.Abs(matrix[i, j]))).ToArray();
        return new WeightsAnalytic(weights, magnitudes);
    }

    public override IReadOnlyList<ContractFailure> Contracts(double[] x, double[] upstream, double tolerance, List<string> warnings)
    {
        var first = Matrix(x);
        var again = Call(x);
        var a = first.Cast<double>().ToArray();
        var b = again.Cast<double>().ToArray();
        return BackwardContracts.Reentrant("jacobian(x)", a, b, tolerance, warnings) is { } failure ? [failure] : [];
    }

    private double[,] Call(double[] x)
    {
        var matrix = jacobian(x) ?? throw new ArgumentException("The Jacobian function returned null.");
        if (matrix.GetLength(0) != Outputs || matrix.GetLength(1) != Inputs)
            throw new ArgumentException($"The Jacobian is {matrix.GetLength(0)} × {matrix.GetLength(1)} but f has {Outputs} outputs and {Inputs} inputs: it must be outputs × inputs.");
        return matrix;
    }
}

/// <summary>The user gave a vector-Jacobian product (x, v) ↦ vᵀJ, as a backward pass computes.</summary>
internal sealed class VjpSource(Func<double[], double[], double[]> vjp, int outputs, int inputs) : JacobianSource(outputs, inputs)
{
    private double[,]? _matrix;

    public override double[,] Matrix(double[] x)
    {
        if (_matrix is not null) return _matrix;
        _matrix = new double[Outputs, Inputs];
        for (int i = 0; i < Outputs; i++)
        {
            var row = Call(x, Unit(Outputs, i));
            for (int j = 0; j < Inputs; j++) _matrix[i, j] = row[j];
        }
        return _matrix;
    }

    public override double[] Column(double[] x, int j)
    {
        var matrix = Matrix(x);
        return Enumerable.Range(0, Outputs).Select(i => matrix[i, j]).ToArray();
    }

    public override IDirectionalAnalytic Directional(double[] x, double[][] v)
    {
        var weights = v.Select(vk => Call(x, vk)).ToArray();
        return new WeightsAnalytic(weights, null);
    }

    public override IReadOnlyList<ContractFailure> Contracts(double[] x, double[] upstream, double tolerance, List<string> warnings) =>
        BackwardContracts.Linear("vjp", "v", v => Call(x, v), upstream, tolerance, warnings);

    private double[] Call(double[] x, double[] v)
    {
        var result = vjp(x, (double[])v.Clone());
        JacobianShapes.RequireLength(result, Inputs, "The vector-Jacobian product");
        return result;
    }

    internal static double[] Unit(int length, int index)
    {
        var unit = new double[length];
        unit[index] = 1;
        return unit;
    }
}

/// <summary>The user gave a Jacobian-vector product (x, u) ↦ Ju, as forward-mode differentiation computes.</summary>
internal sealed class JvpSource(Func<double[], double[], double[]> jvp, int outputs, int inputs) : JacobianSource(outputs, inputs)
{
    private readonly Dictionary<int, double[]> _columns = [];

    public override double[,] Matrix(double[] x)
    {
        var matrix = new double[Outputs, Inputs];
        for (int j = 0; j < Inputs; j++)
        {
            var column = Column(x, j);
            for (int i = 0; i < Outputs; i++) matrix[i, j] = column[i];
        }
        return matrix;
    }

    public override double[] Column(double[] x, int j)
    {
        if (!_columns.TryGetValue(j, out var column)) _columns[j] = column = Call(x, VjpSource.Unit(Inputs, j));
        return column;
    }

    public override IDirectionalAnalytic Directional(double[] x, double[][] v) => new JvpAnalytic(u => Call(x, u), v, Inputs);

    public override IReadOnlyList<ContractFailure> Contracts(double[] x, double[] upstream, double tolerance, List<string> warnings) =>
        BackwardContracts.Linear("jvp", "u", u => Call(x, u), upstream, tolerance, warnings);

    private double[] Call(double[] x, double[] u)
    {
        var result = jvp(x, (double[])u.Clone());
        JacobianShapes.RequireLength(result, Outputs, "The Jacobian-vector product");
        return result;
    }
}
