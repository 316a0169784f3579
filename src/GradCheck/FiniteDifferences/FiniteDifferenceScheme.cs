using System.Globalization;
using System.Numerics;

namespace GradCheck.FiniteDifferences;

/// <summary>
/// A fixed finite-difference scheme for a first derivative: a grid of offsets (in units of the step h) and
/// the coefficients that make Σ cₖ·f(x + gₖ·h) / h exact on polynomials up to degree <see cref="Order"/>.
/// Immutable; built by factories, as in FiniteDifferences.jl.
/// </summary>
public sealed class FiniteDifferenceScheme
{
    private readonly int[] _grid;
    private readonly double[] _coefficients;
    private readonly Rational[] _exact;

    private FiniteDifferenceScheme(string name, int[] grid)
    {
        if (grid.Length < 2) throw new ArgumentException("A first-derivative scheme needs at least two grid points.", nameof(grid));
        if (grid.Distinct().Count() != grid.Length) throw new ArgumentException("Grid points must be distinct.", nameof(grid));
        Name = name;
        _grid = grid.Order().ToArray();
        _exact = Weights(_grid);
        _coefficients = _exact.Select(r => r.ToDouble()).ToArray();
        Order = AccuracyOrder(_grid, _exact);
    }

    /// <summary>A short name, e.g. "central 3-point".</summary>
    public string Name { get; }

    /// <summary>Offsets of the evaluation points, in units of the step.</summary>
    public IReadOnlyList<int> Grid => _grid;

    /// <summary>Coefficients, one per grid point (0 where the point is not needed).</summary>
    public IReadOnlyList<double> Coefficients => _coefficients;

    /// <summary>Order of accuracy p: the truncation error is O(hᵖ) and the scheme is exact on polynomials of degree ≤ p.</summary>
    public int Order { get; }

    /// <summary>Function evaluations per derivative, besides f(x) (which a gradient check already has).</summary>
    public int EvaluationsPerDerivative => _grid.Where((g, i) => g != 0 && _coefficients[i] != 0).Count();

    /// <summary>Forward differences on the grid 0, 1, …, points−1 (2 points: the textbook (f(x+h) − f(x))/h).</summary>
    public static FiniteDifferenceScheme Forward(int points = 2) =>
        new($"forward {CheckPoints(points, 2)}-point", Enumerable.Range(0, points).ToArray());

    /// <summary>Backward differences on the grid −(points−1), …, 0.</summary>
    public static FiniteDifferenceScheme Backward(int points = 2) =>
        new($"backward {CheckPoints(points, 2)}-point", Enumerable.Range(0, points).Select(i => i - points + 1).ToArray());

    /// <summary>
    /// Central differences on an odd number of points: 3 is the classic central difference (f(x+h) − f(x−h)) / 2h, order 2;
    /// 5 is the classic 5-point stencil, order 4.
    /// </summary>
    public static FiniteDifferenceScheme Central(int points = 3)
    {
        if (points < 3 || points % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(points), points, "A central scheme needs an odd number of points ≥ 3, e.g. 3 or 5.");
        int half = points / 2;
        return new($"central {points}-point", Enumerable.Range(-half, points).ToArray());
    }

    /// <summary>A scheme on any grid of distinct integer offsets.</summary>
    public static FiniteDifferenceScheme FromGrid(params int[] grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return new($"grid [{string.Join(", ", grid.Order())}]", grid);
    }

    /// <summary>
    /// The standard step for a coordinate at <paramref name="x"/>: ε^(1/(p+1))·max(|x|, 1), which balances
    /// truncation (∝ hᵖ) against rounding (∝ ε/h) for a function of unit scale.
    /// </summary>
    public double StandardStep(double x, double epsilon = 2.220446049250313e-16) =>
        Math.Pow(epsilon, 1.0 / (Order + 1)) * Math.Max(Math.Abs(x), 1.0);

    /// <summary>Estimates f'(x) with this scheme and a step (default: <see cref="StandardStep"/>), with an error estimate.</summary>
    public DerivativeEstimate Estimate(Func<double, double> f, double x, double? step = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var probe = new ScalarProbe(f, x);
        return FixedSchemeEstimator.Estimate(this, probe, step ?? StandardStep(x), GradientCheckDefaults.FunctionRoundingUlps);
    }

    /// <summary>
    /// The next lower-order scheme on the same values (f(x) included), whose difference to this one is the
    /// fixed scheme's truncation estimate; built once, not per entry (exact weights cost microseconds).
    /// </summary>
    internal FiniteDifferenceScheme? LowerOrder => _lowerOrder.Value;

    private Lazy<FiniteDifferenceScheme?> _lowerOrder => _lowerOrderCache ??= new(() =>
        FixedSchemeEstimator.LowerOrderGrid(_grid) is { } lower ? FromGrid(lower) : null);

    private Lazy<FiniteDifferenceScheme?>? _lowerOrderCache;

    /// <summary>Rational coefficients, for display and exact arithmetic.</summary>
    internal IReadOnlyList<Rational> ExactCoefficients => _exact;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name} (order {Order}): grid [{string.Join(", ", _grid)}], coefficients [{string.Join(", ", _exact)}]";

    private static int CheckPoints(int points, int minimum) => points >= minimum
        ? points
        : throw new ArgumentOutOfRangeException(nameof(points), points, $"A scheme needs at least {minimum} points.");

    /// <summary>cₖ = Lₖ'(0), the derivative at 0 of the Lagrange basis polynomial of grid point k; exact in rationals.</summary>
    private static Rational[] Weights(int[] grid)
    {
        var weights = new Rational[grid.Length];
        for (int k = 0; k < grid.Length; k++)
        {
            BigInteger denominator = 1;
            for (int l = 0; l < grid.Length; l++)
                if (l != k) denominator *= grid[k] - grid[l];
            BigInteger numerator = 0;
            for (int m = 0; m < grid.Length; m++)
            {
                if (m == k) continue;
                BigInteger product = 1;
                for (int l = 0; l < grid.Length; l++)
                    if (l != k && l != m) product *= -grid[l];
                numerator += product;
            }
            weights[k] = new Rational(numerator, denominator);
        }
        return weights;
    }

    /// <summary>The largest p with Σ cₖ gₖʲ = [j = 1] for every j ≤ p: exactness on polynomials of degree ≤ p.</summary>
    private static int AccuracyOrder(int[] grid, Rational[] weights)
    {
        for (int j = 2; ; j++)
        {
            var moment = Rational.Zero;
            for (int k = 0; k < grid.Length; k++) moment += weights[k] * BigInteger.Pow(grid[k], j);
            if (!moment.IsZero) return j - 1;
        }
    }
}
