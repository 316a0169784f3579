using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text;

namespace GradCheck.Tests.Exact;

/// <summary>
/// Derivatives of <see cref="Dual"/> are checked against hand-derived closed forms (never against finite
/// differences of the same code). The tangent seed is 0.75 rather than 1 so that the chain-rule multiplication
/// by the incoming derivative is exercised too.
/// </summary>
public class DualTests
{
    private const double Seed = 0.75;
    private const double Tight = 1e-14;

    private static void Close(double expected, double actual, double relative = Tight)
    {
        if (expected.Equals(actual))
        {
            return;
        }

        double error = Math.Abs(expected - actual);
        Assert.True(
            error <= relative * Math.Abs(expected),
            $"expected {expected:R}, actual {actual:R}, relative error {error / Math.Abs(expected):E3} > {relative:E1}");
    }

    // ----------------------------------------------------------------------------------------------------
    // Unary elementary functions: value equals double's, derivative equals the textbook formula × seed.
    // ----------------------------------------------------------------------------------------------------

    private sealed record Unary(Func<Dual, Dual> F, Func<double, double> Value, Func<double, double> Derivative);

    private static readonly Dictionary<string, Unary> Unaries = new()
    {
        ["Exp"] = new(Dual.Exp, Math.Exp, Math.Exp),
        ["ExpM1"] = new(Dual.ExpM1, double.ExpM1, Math.Exp),
        ["Exp2"] = new(Dual.Exp2, double.Exp2, x => Math.Pow(2, x) * Math.Log(2)),
        ["Exp2M1"] = new(Dual.Exp2M1, double.Exp2M1, x => Math.Pow(2, x) * Math.Log(2)),
        ["Exp10"] = new(Dual.Exp10, double.Exp10, x => Math.Pow(10, x) * Math.Log(10)),
        ["Exp10M1"] = new(Dual.Exp10M1, double.Exp10M1, x => Math.Pow(10, x) * Math.Log(10)),
        ["Log"] = new(Dual.Log, Math.Log, x => 1 / x),
        ["LogP1"] = new(Dual.LogP1, double.LogP1, x => 1 / (1 + x)),
        ["Log2"] = new(Dual.Log2, Math.Log2, x => 1 / (x * Math.Log(2))),
        ["Log2P1"] = new(Dual.Log2P1, double.Log2P1, x => 1 / ((1 + x) * Math.Log(2))),
        ["Log10"] = new(Dual.Log10, Math.Log10, x => 1 / (x * Math.Log(10))),
        ["Log10P1"] = new(Dual.Log10P1, double.Log10P1, x => 1 / ((1 + x) * Math.Log(10))),
        ["Sqrt"] = new(Dual.Sqrt, Math.Sqrt, x => 0.5 / Math.Sqrt(x)),
        ["Cbrt"] = new(Dual.Cbrt, Math.Cbrt, x => 1 / (3 * Math.Pow(x, 2.0 / 3.0))),
        ["RootN3"] = new(x => Dual.RootN(x, 3), x => double.RootN(x, 3), x => Math.Pow(x, 1.0 / 3.0 - 1) / 3),
        ["RootN4"] = new(x => Dual.RootN(x, 4), x => double.RootN(x, 4), x => Math.Pow(x, 0.25 - 1) / 4),
        ["RootN1"] = new(x => Dual.RootN(x, 1), x => x, _ => 1),
        ["RootNMinus2"] = new(x => Dual.RootN(x, -2), x => double.RootN(x, -2), x => -0.5 * Math.Pow(x, -1.5)),
        ["Sin"] = new(Dual.Sin, Math.Sin, Math.Cos),
        ["Cos"] = new(Dual.Cos, Math.Cos, x => -Math.Sin(x)),
        ["Tan"] = new(Dual.Tan, Math.Tan, x => 1 / (Math.Cos(x) * Math.Cos(x))),
        ["Asin"] = new(Dual.Asin, Math.Asin, x => 1 / Math.Sqrt(1 - x * x)),
        ["Acos"] = new(Dual.Acos, Math.Acos, x => -1 / Math.Sqrt(1 - x * x)),
        ["Atan"] = new(Dual.Atan, Math.Atan, x => 1 / (1 + x * x)),
        ["SinPi"] = new(Dual.SinPi, double.SinPi, x => Math.PI * Math.Cos(Math.PI * x)),
        ["CosPi"] = new(Dual.CosPi, double.CosPi, x => -Math.PI * Math.Sin(Math.PI * x)),
        ["TanPi"] = new(Dual.TanPi, double.TanPi, x => Math.PI / (Math.Cos(Math.PI * x) * Math.Cos(Math.PI * x))),
        ["AsinPi"] = new(Dual.AsinPi, double.AsinPi, x => 1 / (Math.PI * Math.Sqrt(1 - x * x))),
        ["AcosPi"] = new(Dual.AcosPi, double.AcosPi, x => -1 / (Math.PI * Math.Sqrt(1 - x * x))),
        ["AtanPi"] = new(Dual.AtanPi, double.AtanPi, x => 1 / (Math.PI * (1 + x * x))),
        ["Sinh"] = new(Dual.Sinh, Math.Sinh, Math.Cosh),
        ["Cosh"] = new(Dual.Cosh, Math.Cosh, Math.Sinh),
        ["Tanh"] = new(Dual.Tanh, Math.Tanh, x => 1 / (Math.Cosh(x) * Math.Cosh(x))),
        ["Asinh"] = new(Dual.Asinh, Math.Asinh, x => 1 / Math.Sqrt(x * x + 1)),
        ["Acosh"] = new(Dual.Acosh, Math.Acosh, x => 1 / Math.Sqrt(x * x - 1)),
        ["Atanh"] = new(Dual.Atanh, Math.Atanh, x => 1 / (1 - x * x)),
        ["DegreesToRadians"] = new(Dual.DegreesToRadians, double.DegreesToRadians, _ => Math.PI / 180),
        ["RadiansToDegrees"] = new(Dual.RadiansToDegrees, double.RadiansToDegrees, _ => 180 / Math.PI),
        ["ReciprocalEstimate"] = new(Dual.ReciprocalEstimate, x => 1 / x, x => -1 / (x * x)),
        ["ReciprocalSqrtEstimate"] = new(Dual.ReciprocalSqrtEstimate, x => 1 / Math.Sqrt(x), x => -0.5 / (x * Math.Sqrt(x))),
        ["Negate"] = new(x => -x, x => -x, _ => -1),
        ["UnaryPlus"] = new(x => +x, x => x, _ => 1),
        ["Increment"] = new(x => ++x, x => x + 1, _ => 1),
        ["Decrement"] = new(x => --x, x => x - 1, _ => 1),
        ["BitIncrement"] = new(Dual.BitIncrement, Math.BitIncrement, _ => 1),
        ["BitDecrement"] = new(Dual.BitDecrement, Math.BitDecrement, _ => 1),
        ["ScaleB5"] = new(x => Dual.ScaleB(x, 5), x => Math.ScaleB(x, 5), _ => 32),
        ["Abs"] = new(Dual.Abs, Math.Abs, x => x < 0 ? -1 : 1),
        ["Square"] = new(x => x * x, x => x * x, x => 2 * x),
        ["Reciprocal"] = new(x => 1.0 / x, x => 1 / x, x => -1 / (x * x)),
        ["PowConstant2_5"] = new(x => Dual.Pow(x, 2.5), x => Math.Pow(x, 2.5), x => 2.5 * Math.Pow(x, 1.5)),
        ["ConstantPowX"] = new(x => Dual.Pow(3, x), x => Math.Pow(3, x), x => Math.Pow(3, x) * Math.Log(3)),
        ["LogBase3"] = new(x => Dual.Log(x, 3), x => Math.Log(x, 3), x => 1 / (x * Math.Log(3))),
        ["Round"] = new(Dual.Round, Math.Round, _ => 0),
        ["Round2Digits"] = new(x => Dual.Round(x, 2), x => Math.Round(x, 2), _ => 0),
        ["RoundAwayFromZero"] = new(x => Dual.Round(x, MidpointRounding.AwayFromZero), x => Math.Round(x, MidpointRounding.AwayFromZero), _ => 0),
        ["Round1DigitToZero"] = new(x => Dual.Round(x, 1, MidpointRounding.ToZero), x => Math.Round(x, 1, MidpointRounding.ToZero), _ => 0),
        ["Floor"] = new(Dual.Floor, Math.Floor, _ => 0),
        ["Ceiling"] = new(Dual.Ceiling, Math.Ceiling, _ => 0),
        ["Truncate"] = new(Dual.Truncate, Math.Truncate, _ => 0),
    };

    // Points are chosen inside each function's domain and away from zeros of the derivative formula's
    // denominators, so that a 1e-14 relative comparison is meaningful.
    private static readonly Dictionary<string, double[]> Domains = new()
    {
        ["all"] = [-2.75, -0.6, 0.3, 1.7, 3.2],
        ["positive"] = [0.05, 0.6, 1.7, 3.2, 40.5],
        ["unit"] = [-0.9, -0.4, 0.15, 0.6, 0.95],
        ["aboveOne"] = [1.05, 1.7, 3.2, 40.5],
        ["aboveMinusOne"] = [-0.6, -0.1, 0.3, 1.7, 40.5],
        ["trig"] = [-2.75, -0.6, 0.3, 1.2, 2.2],
        ["trigPi"] = [-1.7, -0.35, 0.1, 0.3, 1.2],
        ["nonzero"] = [-2.75, -0.6, 0.3, 1.7, 3.2],
    };

    private static string DomainOf(string name) => name switch
    {
        "Log" or "Log2" or "Log10" or "Sqrt" or "Cbrt" or "RootN3" or "RootN4" or "RootNMinus2" or "LogBase3"
            or "ReciprocalSqrtEstimate" or "PowConstant2_5" => "positive",
        "LogP1" or "Log2P1" or "Log10P1" => "aboveMinusOne",
        "Asin" or "Acos" or "AsinPi" or "AcosPi" or "Atanh" => "unit",
        "Acosh" => "aboveOne",
        "Tan" or "Sin" or "Cos" => "trig",
        "SinPi" or "CosPi" or "TanPi" => "trigPi",
        "ReciprocalEstimate" or "Reciprocal" or "Abs" => "nonzero",
        _ => "all",
    };

    public static TheoryData<string, double> UnaryCases()
    {
        var data = new TheoryData<string, double>();
        foreach (string name in Unaries.Keys)
        {
            foreach (double x in Domains[DomainOf(name)])
            {
                data.Add(name, x);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Unary_value_matches_double_and_derivative_matches_closed_form(string name, double x)
    {
        Unary u = Unaries[name];
        Dual r = u.F(new Dual(x, Seed));

        Assert.Equal(u.Value(x), r.Value);
        Close(Seed * u.Derivative(x), r.Derivative);
    }

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Unary_of_a_constant_is_a_constant(string name, double x)
    {
        Dual r = Unaries[name].F(Dual.Constant(x));

        Assert.Equal(Unaries[name].Value(x), r.Value);
        Assert.Equal(0.0, r.Derivative);
    }

    [Fact]
    public void Cbrt_and_odd_RootN_differentiate_at_negative_arguments()
    {
        // d/dx ∛x = 1/(3·∛x²); at x = −8: 1/(3·4) = 1/12.
        Dual c = Dual.Cbrt(Dual.Variable(-8));
        Assert.Equal(-2.0, c.Value);
        Close(1.0 / 12, c.Derivative);

        // d/dx x^(1/5) at x = −32: (1/5)·(−32)^(−4/5) = (1/5)/16 = 1/80.
        Dual r = Dual.RootN(Dual.Variable(-32), 5);
        Assert.Equal(-2.0, r.Value);
        Close(1.0 / 80, r.Derivative);
    }

    [Fact]
    public void Tanh_derivative_stays_accurate_where_tanh_rounds_to_one()
    {
        // sech²(20) = 4e^(−40)/(1 + e^(−40))²; 1 − tanh²(20) would evaluate to exactly 0.
        double e = Math.Exp(-40);
        Dual r = Dual.Tanh(Dual.Variable(20));

        Assert.Equal(1.0, r.Value);
        Close(4 * e / ((1 + e) * (1 + e)), r.Derivative);
    }

    [Fact]
    public void Asinh_derivative_does_not_underflow_for_huge_arguments()
    {
        Dual r = Dual.Asinh(Dual.Variable(1e200));
        Close(1e-200, r.Derivative);
    }

    [Fact]
    public void SinCos_and_SinCosPi_match_their_parts()
    {
        var x = new Dual(0.7, Seed);
        (Dual s, Dual c) = Dual.SinCos(x);
        Assert.Equal(Math.Sin(0.7), s.Value);
        Assert.Equal(Math.Cos(0.7), c.Value);
        Close(Seed * Math.Cos(0.7), s.Derivative);
        Close(-Seed * Math.Sin(0.7), c.Derivative);

        (Dual sp, Dual cp) = Dual.SinCosPi(x);
        Assert.Equal(double.SinPi(0.7), sp.Value);
        Assert.Equal(double.CosPi(0.7), cp.Value);
        Close(Seed * Math.PI * Math.Cos(Math.PI * 0.7), sp.Derivative);
        Close(-Seed * Math.PI * Math.Sin(Math.PI * 0.7), cp.Derivative);
    }

    // ----------------------------------------------------------------------------------------------------
    // Binary functions: derivative = ∂f/∂x·dx + ∂f/∂y·dy with hand-derived partials.
    // ----------------------------------------------------------------------------------------------------

    private const double SeedX = 0.75;
    private const double SeedY = -1.25;

    private sealed record Binary(
        Func<Dual, Dual, Dual> F, Func<double, double, double> Value, Func<double, double, double> Dx, Func<double, double, double> Dy);

    private static readonly Dictionary<string, Binary> Binaries = new()
    {
        ["Add"] = new((x, y) => x + y, (x, y) => x + y, (_, _) => 1, (_, _) => 1),
        ["Subtract"] = new((x, y) => x - y, (x, y) => x - y, (_, _) => 1, (_, _) => -1),
        ["Multiply"] = new((x, y) => x * y, (x, y) => x * y, (_, y) => y, (x, _) => x),
        ["Divide"] = new((x, y) => x / y, (x, y) => x / y, (_, y) => 1 / y, (x, y) => -x / (y * y)),
        ["Pow"] = new(Dual.Pow, Math.Pow, (x, y) => y * Math.Pow(x, y - 1), (x, y) => Math.Pow(x, y) * Math.Log(x)),
        ["Hypot"] = new(Dual.Hypot, double.Hypot, (x, y) => x / Math.Sqrt(x * x + y * y), (x, y) => y / Math.Sqrt(x * x + y * y)),
        // Atan2(y, x) with the pair passed as (first, second) = (y, x).
        ["Atan2"] = new(Dual.Atan2, Math.Atan2, (y, x) => x / (x * x + y * y), (y, x) => -y / (x * x + y * y)),
        ["Atan2Pi"] = new(Dual.Atan2Pi, double.Atan2Pi,
            (y, x) => x / (Math.PI * (x * x + y * y)), (y, x) => -y / (Math.PI * (x * x + y * y))),
        ["LogBase"] = new(Dual.Log, Math.Log,
            (x, b) => 1 / (x * Math.Log(b)), (x, b) => -Math.Log(x) / (b * Math.Log(b) * Math.Log(b))),
    };

    private static readonly (double X, double Y)[] PositivePairs = [(0.5, 1.5), (2.5, 0.3), (5, 3), (1.7, 7.25)];
    private static readonly (double X, double Y)[] MixedPairs = [(0.5, 1.5), (-2.5, 0.3), (5, -3), (-1.7, -7.25)];

    public static TheoryData<string, double, double> BinaryCases()
    {
        var data = new TheoryData<string, double, double>();
        foreach (string name in Binaries.Keys)
        {
            var pairs = name is "Pow" or "LogBase" ? PositivePairs : MixedPairs;
            foreach ((double x, double y) in pairs)
            {
                data.Add(name, x, y);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Binary_value_matches_double_and_derivative_matches_closed_form(string name, double x, double y)
    {
        Binary b = Binaries[name];
        Dual r = b.F(new Dual(x, SeedX), new Dual(y, SeedY));

        Assert.Equal(b.Value(x, y), r.Value);
        Close(SeedX * b.Dx(x, y) + SeedY * b.Dy(x, y), r.Derivative);

        // Each partial on its own (the other argument constant).
        Close(SeedX * b.Dx(x, y), b.F(new Dual(x, SeedX), Dual.Constant(y)).Derivative);
        Close(SeedY * b.Dy(x, y), b.F(Dual.Constant(x), new Dual(y, SeedY)).Derivative);
    }

    [Fact]
    public void FusedMultiplyAdd_and_MultiplyAddEstimate_follow_the_product_and_sum_rules()
    {
        var a = new Dual(1.5, 0.5);
        var b = new Dual(-2, 0.25);
        var c = new Dual(3, 1);

        // d(ab + c) = da·b + a·db + dc = 0.5·(−2) + 1.5·0.25 + 1 = 0.375
        Dual f = Dual.FusedMultiplyAdd(a, b, c);
        Assert.Equal(0.0, f.Value);
        Assert.Equal(0.375, f.Derivative);

        Dual m = Dual.MultiplyAddEstimate(a, b, c);
        Assert.Equal(0.0, m.Value);
        Assert.Equal(0.375, m.Derivative);
    }

    [Fact]
    public void Lerp_differentiates_in_all_three_arguments()
    {
        // a + (b − a)t with a = 1, b = 3, t = 0.25: value 1.5;
        // derivative da(1 − t) + db·t + (b − a)dt = 0.5·0.75 + 0.25·0.25 + 2·2 = 4.4375
        Dual r = Dual.Lerp(new Dual(1, 0.5), new Dual(3, 0.25), new Dual(0.25, 2));
        Assert.Equal(1.5, r.Value);
        Assert.Equal(4.4375, r.Derivative);
    }

    [Theory]
    [InlineData(7.5, 2.0, 4.0)] // 7.5/2 = 3.75 → n = 4, r = −0.5
    [InlineData(6.5, 2.0, 3.0)] // 3.25 → n = 3, r = 0.5
    [InlineData(-7.5, 2.0, -4.0)]
    [InlineData(5.0, 2.0, 2.0)] // 2.5 → ties to even: n = 2, r = 1
    public void Ieee754Remainder_derivative_is_dx_minus_n_dy(double x, double y, double n)
    {
        Dual r = Dual.Ieee754Remainder(new Dual(x, SeedX), new Dual(y, SeedY));
        Assert.Equal(Math.IEEERemainder(x, y), r.Value);
        Assert.Equal(x - n * y, r.Value);
        Assert.Equal(SeedX - n * SeedY, r.Derivative);
    }

    [Theory]
    [InlineData(7.5, 2.0, 3.0)] // trunc(3.75) = 3, r = 1.5
    [InlineData(-7.5, 2.0, -3.0)] // r = −1.5
    [InlineData(7.5, -2.0, -3.0)]
    public void Modulus_derivative_is_dx_minus_truncated_quotient_times_dy(double x, double y, double n)
    {
        Dual r = new Dual(x, SeedX) % new Dual(y, SeedY);
        Assert.Equal(x % y, r.Value);
        Assert.Equal(SeedX - n * SeedY, r.Derivative);
    }

    // ----------------------------------------------------------------------------------------------------
    // Pow special cases
    // ----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2.0, 0.0, 0.0)] // d/dx x² at 0
    [InlineData(1.0, 0.0, 1.0)] // d/dx x at 0
    [InlineData(3.0, 0.0, 0.0)]
    [InlineData(0.0, 1.0, 0.0)] // x⁰ ≡ 1
    [InlineData(0.5, 0.0, double.PositiveInfinity)] // √x at 0
    public void Pow_with_a_constant_exponent_at_zero(double y, double expectedValue, double expectedDerivative)
    {
        Dual r = Dual.Pow(Dual.Variable(0), Dual.Constant(y));
        Assert.Equal(expectedValue, r.Value);
        Assert.Equal(expectedDerivative, r.Derivative);
    }

    [Theory]
    [InlineData(-2.0, 2.0, 4.0, -4.0)] // 2x
    [InlineData(-2.0, 3.0, -8.0, 12.0)] // 3x²
    [InlineData(-2.0, -1.0, -0.5, -0.25)] // −x⁻²
    [InlineData(-3.0, 0.0, 1.0, 0.0)]
    public void Pow_negative_base_with_a_constant_integer_exponent(double x, double y, double value, double derivative)
    {
        Dual r = Dual.Pow(Dual.Variable(x), Dual.Constant(y));
        Assert.Equal(value, r.Value);
        Assert.Equal(derivative, r.Derivative);
    }

    [Fact]
    public void Pow_exponent_derivative_at_zero_base_with_positive_exponent_is_zero()
    {
        // 0^y ≡ 0 for y > 0, so ∂/∂y = 0 (not 0·ln 0 = NaN).
        Dual r = Dual.Pow(Dual.Constant(0), Dual.Variable(2));
        Assert.Equal(0.0, r.Value);
        Assert.Equal(0.0, r.Derivative);
    }

    [Fact]
    public void Pow_negative_base_with_a_varying_exponent_has_NaN_derivative()
    {
        Dual r = Dual.Pow(Dual.Constant(-2), Dual.Variable(3));
        Assert.Equal(-8.0, r.Value);
        Assert.True(double.IsNaN(r.Derivative));
    }

    [Fact]
    public void Pow_constant_base_variable_exponent()
    {
        Dual r = Dual.Pow(Dual.Constant(2), Dual.Variable(3));
        Assert.Equal(8.0, r.Value);
        Close(8 * Math.Log(2), r.Derivative);
    }

    // ----------------------------------------------------------------------------------------------------
    // Structural zeros and non-differentiable points
    // ----------------------------------------------------------------------------------------------------

    [Fact]
    public void Zero_tangents_never_produce_NaN_from_infinite_partials()
    {
        Assert.Equal(0.0, Dual.Sqrt(Dual.Constant(0)).Derivative);
        Assert.Equal(0.0, Dual.Log(Dual.Constant(0)).Derivative);
        Assert.Equal(double.NegativeInfinity, Dual.Log(Dual.Constant(0)).Value);
        Assert.Equal(0.0, (Dual.Constant(double.PositiveInfinity) * Dual.Constant(2)).Derivative);
        Assert.Equal(0.0, (Dual.Constant(1) / Dual.Constant(0)).Derivative);
        Assert.Equal(0.0, Dual.Hypot(Dual.Constant(0), Dual.Constant(0)).Derivative);

        // ∞·x with x varying: derivative ∞·dx; the constant's zero tangent does not turn it into NaN.
        Dual p = Dual.Constant(double.PositiveInfinity) * Dual.Variable(2);
        Assert.Equal(double.PositiveInfinity, p.Derivative);
    }

    [Fact]
    public void Non_differentiable_points_give_what_the_formula_gives()
    {
        Assert.Equal(double.PositiveInfinity, Dual.Sqrt(Dual.Variable(0)).Derivative);
        Assert.Equal(double.NegativeInfinity, Dual.Sqrt(new Dual(0, -1)).Derivative);
        Assert.True(double.IsNaN(Dual.Hypot(Dual.Variable(0), Dual.Constant(0)).Derivative));
        Assert.Equal(double.PositiveInfinity, Dual.Cbrt(Dual.Variable(0)).Derivative);
        Assert.Equal(double.PositiveInfinity, Dual.Log(Dual.Variable(0)).Derivative);
    }

    // ----------------------------------------------------------------------------------------------------
    // Branches: Abs, Max/Min family, Clamp, CopySign, Sign
    // ----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(-2.0, 2.0, -3.0)]
    [InlineData(2.0, 2.0, 3.0)]
    [InlineData(0.0, 0.0, 3.0)] // the x ≥ 0 branch at 0
    public void Abs_takes_the_branch_of_the_sign(double x, double value, double derivative)
    {
        Dual r = Dual.Abs(new Dual(x, 3));
        Assert.Equal(value, r.Value);
        Assert.True(double.IsPositive(r.Value));
        Assert.Equal(derivative, r.Derivative);
    }

    [Fact]
    public void Abs_of_negative_zero_takes_the_nonnegative_branch()
    {
        Dual r = Dual.Abs(new Dual(-0.0, 3));
        Assert.True(double.IsPositive(r.Value) && r.Value == 0);
        Assert.Equal(3.0, r.Derivative);
    }

    [Fact]
    public void Max_and_Min_return_the_selected_arguments_derivative()
    {
        var big = new Dual(2, 5);
        var small = new Dual(1, 7);

        Assert.Equal(new Dual(2, 5), Dual.Max(big, small));
        Assert.Equal(new Dual(2, 5), Dual.Max(small, big));
        Assert.Equal(new Dual(1, 7), Dual.Min(big, small));
        Assert.Equal(new Dual(1, 7), Dual.Min(small, big));
        Assert.Equal(new Dual(2, 5), Dual.MaxNumber(small, big));
        Assert.Equal(new Dual(1, 7), Dual.MinNumber(big, small));
        Assert.Equal(new Dual(2, 5), Dual.MaxNative(small, big));
        Assert.Equal(new Dual(1, 7), Dual.MinNative(big, small));
    }

    [Fact]
    public void Ties_return_the_first_arguments_derivative()
    {
        var a = new Dual(1, 5);
        var b = new Dual(1, 7);

        Assert.Equal(5.0, Dual.Max(a, b).Derivative);
        Assert.Equal(7.0, Dual.Max(b, a).Derivative);
        Assert.Equal(5.0, Dual.Min(a, b).Derivative);
        Assert.Equal(7.0, Dual.Min(b, a).Derivative);
        Assert.Equal(5.0, Dual.MaxNumber(a, b).Derivative);
        Assert.Equal(5.0, Dual.MinNumber(a, b).Derivative);
        Assert.Equal(5.0, Dual.MaxMagnitude(a, b).Derivative);
        Assert.Equal(5.0, Dual.MinMagnitude(a, b).Derivative);
        Assert.Equal(5.0, Dual.MaxMagnitudeNumber(a, b).Derivative);
        Assert.Equal(5.0, Dual.MinMagnitudeNumber(a, b).Derivative);
    }

    [Fact]
    public void Signed_zero_tie_keeps_doubles_value_and_the_first_derivative()
    {
        Dual r = Dual.Max(new Dual(-0.0, 5), new Dual(0.0, 7));
        Assert.True(double.IsPositive(r.Value)); // double.Max(−0, +0) = +0
        Assert.Equal(5.0, r.Derivative);

        Dual m = Dual.Min(new Dual(0.0, 5), new Dual(-0.0, 7));
        Assert.True(double.IsNegative(m.Value));
        Assert.Equal(5.0, m.Derivative);
    }

    [Fact]
    public void Max_and_Min_propagate_NaN_with_its_derivative_while_the_Number_variants_ignore_it()
    {
        var nan = new Dual(double.NaN, 3);
        var one = new Dual(1, 4);

        Assert.True(double.IsNaN(Dual.Max(nan, one).Value));
        Assert.Equal(3.0, Dual.Max(nan, one).Derivative);
        Assert.Equal(3.0, Dual.Max(one, nan).Derivative);
        Assert.Equal(3.0, Dual.Min(one, nan).Derivative);

        Assert.Equal(new Dual(1, 4), Dual.MaxNumber(nan, one));
        Assert.Equal(new Dual(1, 4), Dual.MaxNumber(one, nan));
        Assert.Equal(new Dual(1, 4), Dual.MinNumber(nan, one));
        Assert.Equal(new Dual(1, 4), Dual.MaxMagnitudeNumber(nan, one));
        Assert.Equal(new Dual(1, 4), Dual.MinMagnitudeNumber(one, nan));
    }

    [Fact]
    public void Magnitude_selection_follows_double()
    {
        var minus2 = new Dual(-2, 5);
        var plus2 = new Dual(2, 7);
        var minus3 = new Dual(-3, 9);

        Assert.Equal(new Dual(2, 7), Dual.MaxMagnitude(minus2, plus2)); // |−2| = |2| → the positive one
        Assert.Equal(new Dual(-2, 5), Dual.MinMagnitude(plus2, minus2)); // → the negative one
        Assert.Equal(new Dual(-3, 9), Dual.MaxMagnitude(plus2, minus3));
        Assert.Equal(new Dual(2, 7), Dual.MinMagnitude(minus3, plus2));
    }

    [Theory]
    [InlineData(-5.0, -1.0, 11.0)] // below: min's derivative
    [InlineData(5.0, 2.0, 13.0)] // above: max's derivative
    [InlineData(0.5, 0.5, 7.0)] // inside: value's
    [InlineData(-1.0, -1.0, 7.0)] // at a bound: value's
    [InlineData(2.0, 2.0, 7.0)]
    public void Clamp_returns_the_active_arguments_derivative(double x, double value, double derivative)
    {
        Dual r = Dual.Clamp(new Dual(x, 7), new Dual(-1, 11), new Dual(2, 13));
        Assert.Equal(value, r.Value);
        Assert.Equal(derivative, r.Derivative);
        Assert.Equal(r, Dual.ClampNative(new Dual(x, 7), new Dual(-1, 11), new Dual(2, 13)));
    }

    [Fact]
    public void Clamp_with_min_above_max_throws_like_double()
    {
        Assert.Throws<ArgumentException>(() => Dual.Clamp(Dual.Zero, new Dual(2), new Dual(1)));
    }

    [Fact]
    public void CopySign_negates_the_derivative_iff_the_sign_flips()
    {
        Assert.Equal(new Dual(-2, -3), Dual.CopySign(new Dual(2, 3), Dual.Variable(-1)));
        Assert.Equal(new Dual(-2, 3), Dual.CopySign(new Dual(-2, 3), Dual.Variable(-1)));
        Assert.Equal(new Dual(2, -3), Dual.CopySign(new Dual(-2, 3), Dual.Variable(5)));
        Assert.Equal(new Dual(2, 3), Dual.CopySign(new Dual(2, 3), new Dual(-0.0, 1) * -1));
    }

    [Fact]
    public void Sign_and_ILogB_look_at_the_value()
    {
        Assert.Equal(-1, Dual.Sign(new Dual(-3, 10)));
        Assert.Equal(0, Dual.Sign(new Dual(0, 10)));
        Assert.Equal(1, Dual.Sign(new Dual(0.1, -10)));
        Assert.Throws<ArithmeticException>(() => Dual.Sign(Dual.NaN));
        Assert.Equal(3, Dual.ILogB(new Dual(8, 100)));
        Assert.Equal(-2, Dual.ILogB(new Dual(0.3, 100)));
    }

    [Fact]
    public void ScaleB_scales_both_parts_exactly()
    {
        Assert.Equal(new Dual(48, 8), Dual.ScaleB(new Dual(3, 0.5), 4));
        Assert.Equal(new Dual(0.375, 0.0625), Dual.ScaleB(new Dual(3, 0.5), -3));
    }

    // ----------------------------------------------------------------------------------------------------
    // Generic math: one implementation on double, float and Dual
    // ----------------------------------------------------------------------------------------------------

    private static T Softplus<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(T.One + T.Exp(x));

    private static T Relu<T>(T x) where T : IFloatingPointIeee754<T> => T.Max(x, T.Zero);

    private static T Huber<T>(T r, T delta) where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateChecked(0.5);
        T a = T.Abs(r);
        return a <= delta ? half * r * r : delta * (a - half * delta);
    }

    // f(x) = e^x·sin x / (1 + x²) + x^2.5 + tanh(x)·√x
    private static T Kitchen<T>(T x) where T : IFloatingPointIeee754<T> =>
        T.Exp(x) * T.Sin(x) / (T.One + x * x) + T.Pow(x, T.CreateChecked(2.5)) + T.Tanh(x) * T.Sqrt(x);

    private static double KitchenDerivative(double x)
    {
        double e = Math.Exp(x), s = Math.Sin(x), c = Math.Cos(x), q = 1 + x * x;
        double sech = 1 / Math.Cosh(x);
        return e * (s + c) / q - e * s * 2 * x / (q * q)
            + 2.5 * Math.Pow(x, 1.5)
            + sech * sech * Math.Sqrt(x) + Math.Tanh(x) * 0.5 / Math.Sqrt(x);
    }

    // Rosenbrock, written the way an IScalarFunction.Evaluate<T>(ReadOnlySpan<T>) would be.
    private static T Rosenbrock<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T hundred = T.CreateChecked(100);
        T sum = T.Zero;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            T a = T.One - x[i];
            T b = x[i + 1] - x[i] * x[i];
            sum += a * a + hundred * b * b;
        }

        return sum;
    }

    [Theory]
    [InlineData(-3.5)]
    [InlineData(-0.25)]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(12.0)]
    public void Generic_softplus_runs_on_double_float_and_Dual(double x)
    {
        Dual r = Softplus(new Dual(x, Seed));

        Assert.Equal(Softplus(x), r.Value); // bit-identical to the double instantiation
        Close(Seed / (1 + Math.Exp(-x)), r.Derivative); // softplus' = logistic sigmoid
        Assert.Equal(MathF.Log(1f + MathF.Exp((float)x)), Softplus((float)x));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.1)]
    [InlineData(2.7)]
    public void Generic_composite_function_has_the_hand_derived_derivative(double x)
    {
        Dual r = Kitchen(Dual.Variable(x));
        Assert.Equal(Kitchen(x), r.Value);
        Close(KitchenDerivative(x), r.Derivative, 1e-13);
    }

    [Theory]
    [InlineData(-2.0, 0.0)]
    [InlineData(3.0, 1.0)]
    [InlineData(0.0, 1.0)] // tie with T.Zero: x's derivative
    public void Generic_relu_branches(double x, double derivative)
    {
        Assert.Equal(derivative, Relu(Dual.Variable(x)).Derivative);
    }

    [Theory]
    [InlineData(0.5, 0.5)] // quadratic branch: r
    [InlineData(-0.5, -0.5)]
    [InlineData(3.0, 1.0)] // linear branch: δ·sign(r)
    [InlineData(-3.0, -1.0)]
    [InlineData(1.0, 1.0)] // at |r| = δ the (≤) quadratic branch: r = 1
    public void Generic_huber_branches(double r, double derivative)
    {
        Dual h = Huber(Dual.Variable(r), Dual.Constant(1));
        Assert.Equal(Huber(r, 1.0), h.Value);
        Assert.Equal(derivative, h.Derivative);
    }

    [Fact]
    public void Generic_rosenbrock_gradient_is_exact()
    {
        double[] x = [-1.2, 1.0, 0.7];
        double[] g = DualGradient.Gradient(v => Rosenbrock<Dual>(v), x);

        double[] expected =
        [
            -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]),
            200 * (x[1] - x[0] * x[0]) - 2 * (1 - x[1]) - 400 * x[1] * (x[2] - x[1] * x[1]),
            200 * (x[2] - x[1] * x[1]),
        ];
        Assert.Equal(3, g.Length);
        for (int i = 0; i < 3; i++)
        {
            Close(expected[i], g[i]);
        }
    }

    [Fact]
    public void Generic_code_sees_Dual_constants_and_comparisons_like_double()
    {
        Assert.Equal(new Dual(0.5), GenericConstant<Dual>(0.5));
        Assert.True(GenericIsPositive(new Dual(2, -100)));
        Assert.False(GenericIsPositive(new Dual(-2, 100)));
        Assert.Equal(new Dual(double.Pi), GenericPi<Dual>());
    }

    private static T GenericConstant<T>(double v) where T : IFloatingPointIeee754<T> => T.CreateChecked(v);

    private static bool GenericIsPositive<T>(T v) where T : IFloatingPointIeee754<T> => v > T.Zero;

    private static T GenericPi<T>() where T : IFloatingPointIeee754<T> => T.Pi;

    // The default-implemented interface members (ExpM1, Lerp, ReciprocalEstimate, …) must be Dual's own;
    // the interface defaults would compute wrong derivatives or values for some (e.g. MultiplyAddEstimate).
    private static T GenericExpM1<T>(T x) where T : IFloatingPointIeee754<T> => T.ExpM1(x);

    private static T GenericLerp<T>(T a, T b, T t) where T : IFloatingPointIeee754<T> => T.Lerp(a, b, t);

    [Fact]
    public void Generic_calls_reach_Dual_overrides_of_default_interface_members()
    {
        Assert.Equal(Dual.ExpM1(new Dual(1e-10, 1)), GenericExpM1(new Dual(1e-10, 1)));
        Assert.Equal(double.ExpM1(1e-10), GenericExpM1(new Dual(1e-10, 1)).Value);
        Assert.Equal(new Dual(1.5, 4.4375), GenericLerp(new Dual(1, 0.5), new Dual(3, 0.25), new Dual(0.25, 2)));
    }

    [Fact]
    public void Every_member_of_the_generic_math_interfaces_is_implemented_by_Dual_itself()
    {
        // Instance Write* helpers on IFloatingPoint forward to the TryWrite* members Dual implements;
        // every other member, including static virtual ones with a default, must be overridden.
        var missing = new List<string>();
        foreach (Type i in typeof(Dual).GetInterfaces())
        {
            InterfaceMapping map = typeof(Dual).GetInterfaceMap(i);
            for (int k = 0; k < map.InterfaceMethods.Length; k++)
            {
                MethodInfo target = map.TargetMethods[k];
                bool own = target is not null && target.DeclaringType == typeof(Dual);
                // An interface's explicit default override of another interface's member (e.g. INumberBase's
                // "System.IUtf8SpanFormattable.TryFormat") is not a slot of its own; that slot is checked in the
                // other interface's map.
                bool foreignOverride = map.InterfaceMethods[k].Name.Contains('.', StringComparison.Ordinal);
                bool forwarding = !map.InterfaceMethods[k].IsStatic
                    && (map.InterfaceMethods[k].Name.StartsWith("WriteExponent", StringComparison.Ordinal)
                        || map.InterfaceMethods[k].Name.StartsWith("WriteSignificand", StringComparison.Ordinal));
                if (!own && !forwarding && !foreignOverride)
                {
                    missing.Add($"{i.Name}.{map.InterfaceMethods[k].Name}");
                }
            }
        }

        Assert.Empty(missing);
    }

    // ----------------------------------------------------------------------------------------------------
    // DualGradient
    // ----------------------------------------------------------------------------------------------------

    [Fact]
    public void Gradient_and_value_by_one_pass_per_coordinate()
    {
        int calls = 0;
        Dual F(Dual[] v)
        {
            calls++;
            return v[0] * v[1] + Dual.Sin(v[2]);
        }

        (double value, double[] gradient) = DualGradient.ValueAndGradient(F, [2.0, 3.0, 0.5]);

        Assert.Equal(3, calls);
        Assert.Equal(6 + Math.Sin(0.5), value);
        Assert.Equal(new[] { 3.0, 2.0, Math.Cos(0.5) }, gradient);
    }

    [Fact]
    public void Gradient_passes_are_independent_even_if_f_mutates_its_argument()
    {
        double[] g = DualGradient.Gradient(
            v =>
            {
                Dual r = v[0] * v[1];
                v[0] = new Dual(1000, 1000);
                v[1] = new Dual(1000, 1000);
                return r;
            },
            [2.0, 5.0]);

        Assert.Equal(new[] { 5.0, 2.0 }, g);
    }

    [Fact]
    public void Gradient_of_a_function_of_no_variables_is_empty()
    {
        (double value, double[] gradient) = DualGradient.ValueAndGradient(_ => new Dual(4), []);
        Assert.Equal(4.0, value);
        Assert.Empty(gradient);
    }

    [Fact]
    public void DirectionalDerivative_is_the_gradient_dotted_with_the_direction_in_one_pass()
    {
        int calls = 0;
        double d = DualGradient.DirectionalDerivative(
            v =>
            {
                calls++;
                return v[0] * v[0] * v[1] + Dual.Exp(v[1]);
            },
            [1.5, 0.5],
            [2.0, -3.0]);

        // ∇f = (2·x0·x1, x0² + e^x1) = (1.5, 2.25 + e^0.5)
        Assert.Equal(1, calls);
        Close(1.5 * 2 + (2.25 + Math.Exp(0.5)) * -3, d);
    }

    [Fact]
    public void DirectionalDerivative_rejects_mismatched_lengths_and_null()
    {
        Assert.Throws<ArgumentException>(() => DualGradient.DirectionalDerivative(v => v[0], [1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentNullException>(() => DualGradient.Gradient(null!, [1.0]));
        Assert.Throws<ArgumentNullException>(() => DualGradient.Derivative(null!, 1.0));
    }

    [Fact]
    public void Scalar_derivative()
    {
        Close(Math.Cos(0.3) * Math.Exp(Math.Sin(0.3)), DualGradient.Derivative(x => Dual.Exp(Dual.Sin(x)), 0.3));
    }

    // ----------------------------------------------------------------------------------------------------
    // Construction and conversions
    // ----------------------------------------------------------------------------------------------------

    [Fact]
    public void Constructors_and_factories()
    {
        Assert.Equal(0.0, new Dual(2.5).Derivative);
        Assert.Equal(2.5, new Dual(2.5).Value);
        Assert.Equal(new Dual(2.5, 1), Dual.Variable(2.5));
        Assert.Equal(new Dual(2.5, 0), Dual.Constant(2.5));
        Assert.Equal(new Dual(0, 0), default(Dual));
    }

    [Fact]
    public void Constants_have_zero_derivative()
    {
        Assert.Equal(new Dual(0), Dual.Zero);
        Assert.Equal(new Dual(1), Dual.One);
        Assert.Equal(new Dual(-1), Dual.NegativeOne);
        Assert.Equal(new Dual(Math.E), Dual.E);
        Assert.Equal(new Dual(Math.PI), Dual.Pi);
        Assert.Equal(new Dual(Math.Tau), Dual.Tau);
        Assert.Equal(new Dual(double.Epsilon), Dual.Epsilon);
        Assert.Equal(new Dual(double.MaxValue), Dual.MaxValue);
        Assert.Equal(new Dual(double.MinValue), Dual.MinValue);
        Assert.Equal(new Dual(double.PositiveInfinity), Dual.PositiveInfinity);
        Assert.Equal(new Dual(double.NegativeInfinity), Dual.NegativeInfinity);
        Assert.True(double.IsNaN(Dual.NaN.Value));
        Assert.True(double.IsNegative(Dual.NegativeZero.Value) && Dual.NegativeZero.Value == 0);
        Assert.Equal(2, Dual.Radix);
        Assert.Equal(Dual.Zero, Dual.AdditiveIdentity);
        Assert.Equal(Dual.One, Dual.MultiplicativeIdentity);
    }

    [Fact]
    public void Conversions_into_Dual_give_constants()
    {
        Assert.Equal(new Dual(3), Dual.CreateChecked(3));
        Assert.Equal(new Dual(2.5), Dual.CreateChecked(2.5f));
        Assert.Equal(new Dual(0.5), Dual.CreateChecked((Half)0.5));
        Assert.Equal(new Dual(1.25), Dual.CreateSaturating(1.25m));
        Assert.Equal(new Dual(-7), Dual.CreateTruncating(-7L));
        Assert.Equal(new Dual(Math.Pow(2, 70)), Dual.CreateChecked(BigInteger.Pow(2, 70)));
        Assert.Equal(new Dual(2), Dual.CreateChecked(new Complex(2, 0)));

        // Exactly double's conversion rules: a complex with an imaginary part converts to NaN, a huge BigInteger to ∞.
        Assert.True(double.IsNaN(Dual.CreateChecked(new Complex(2, 1)).Value));
        Assert.Equal(new Dual(double.PositiveInfinity), Dual.CreateChecked(BigInteger.Pow(10, 400)));
    }

    [Fact]
    public void Converting_a_Dual_into_Dual_keeps_the_derivative()
    {
        var d = new Dual(1.5, 2);
        Assert.Equal(d, Dual.CreateChecked(d));
        Assert.Equal(d, Dual.CreateSaturating(d));
        Assert.Equal(d, Dual.CreateTruncating(d));
    }

    [Fact]
    public void Conversions_out_of_Dual_give_the_value()
    {
        var d = new Dual(2.75, 9);
        Assert.Equal(2.75, double.CreateChecked(d));
        Assert.Equal(2.75f, float.CreateSaturating(d));
        Assert.Equal((Half)2.75, Half.CreateTruncating(d));
        Assert.Equal(2, int.CreateTruncating(d));
        Assert.Equal(2.75m, decimal.CreateChecked(d));
        Assert.Equal(new Complex(2.75, 0), Complex.CreateChecked(d));
        Assert.Equal(int.MaxValue, int.CreateSaturating(new Dual(1e20, 1)));
        Assert.Throws<OverflowException>(() => int.CreateChecked(new Dual(1e20, 1)));
        Assert.Equal(2.75, (double)d);
    }

    [Fact]
    public void Implicit_conversions_from_double_and_int_give_constants()
    {
        Dual fromDouble = 2.5;
        Dual fromInt = 3;
        Assert.Equal(new Dual(2.5, 0), fromDouble);
        Assert.Equal(new Dual(3, 0), fromInt);
        Assert.Equal(new Dual(5, 2), 2.0 * Dual.Variable(2.5));
    }

    [Fact]
    public void ConvertToInteger_uses_the_value()
    {
        Assert.Equal(2, Dual.ConvertToInteger<int>(new Dual(2.9, 5)));
        Assert.Equal(int.MaxValue, Dual.ConvertToInteger<int>(new Dual(1e20, 5)));
        Assert.Equal(-3L, Dual.ConvertToIntegerNative<long>(new Dual(-3.2, 5)));
    }

    [Fact]
    public void Floating_point_byte_members_describe_the_value()
    {
        IFloatingPoint<Dual> d = new Dual(6.0, 123);
        IFloatingPoint<double> v = 6.0;

        Assert.Equal(v.GetExponentByteCount(), d.GetExponentByteCount());
        Assert.Equal(v.GetExponentShortestBitLength(), d.GetExponentShortestBitLength());
        Assert.Equal(v.GetSignificandBitLength(), d.GetSignificandBitLength());
        Assert.Equal(v.GetSignificandByteCount(), d.GetSignificandByteCount());
        Assert.Equal(v.WriteExponentBigEndian(new byte[8]), d.WriteExponentBigEndian(new byte[8]));

        byte[] expected = new byte[8], actual = new byte[8];
        v.WriteSignificandLittleEndian(expected);
        d.WriteSignificandLittleEndian(actual);
        Assert.Equal(expected, actual);
        v.WriteExponentBigEndian(expected);
        d.WriteExponentBigEndian(actual);
        Assert.Equal(expected, actual);
    }

    // ----------------------------------------------------------------------------------------------------
    // Predicates, equality and comparison
    // ----------------------------------------------------------------------------------------------------

    [Fact]
    public void Predicates_look_at_the_value_only()
    {
        var finiteWithNaNTangent = new Dual(2, double.NaN);
        Assert.True(Dual.IsFinite(finiteWithNaNTangent));
        Assert.False(Dual.IsNaN(finiteWithNaNTangent));
        Assert.False(finiteWithNaNTangent.IsFullyFinite);
        Assert.True(new Dual(2, 1).IsFullyFinite);
        Assert.False(new Dual(double.PositiveInfinity, 0).IsFullyFinite);

        Assert.True(Dual.IsInteger(new Dual(2, 0.5)));
        Assert.True(Dual.IsEvenInteger(new Dual(2, 0.5)));
        Assert.True(Dual.IsOddInteger(new Dual(3, 0.5)));
        Assert.True(Dual.IsZero(new Dual(-0.0, 1)));
        Assert.True(Dual.IsNegative(new Dual(-0.0, 1)));
        Assert.True(Dual.IsPositive(new Dual(1, -1)));
        Assert.True(Dual.IsNaN(new Dual(double.NaN, 0)));
        Assert.True(Dual.IsInfinity(new Dual(double.NegativeInfinity, 0)));
        Assert.True(Dual.IsNegativeInfinity(new Dual(double.NegativeInfinity, 0)));
        Assert.True(Dual.IsPositiveInfinity(new Dual(double.PositiveInfinity, 0)));
        Assert.True(Dual.IsSubnormal(new Dual(double.Epsilon, 1)));
        Assert.True(Dual.IsNormal(new Dual(1, double.Epsilon)));
        Assert.False(Dual.IsRealNumber(Dual.NaN));
        Assert.True(Dual.IsRealNumber(new Dual(1, double.NaN)));
        Assert.True(Dual.IsCanonical(new Dual(1, 2)));
        Assert.False(Dual.IsComplexNumber(new Dual(1, 2)));
        Assert.False(Dual.IsImaginaryNumber(new Dual(1, 2)));
    }

    [Fact]
    public void Operators_compare_values_but_Equals_is_structural()
    {
        var a = new Dual(1, 2);
        var b = new Dual(1, 3);

        Assert.True(a == b);
        Assert.NotEqual(a, b); // xUnit must see the derivative difference (Equals, not CompareTo)
        Assert.False(a != b);
        Assert.False(a.Equals(b));
        Assert.False(a.Equals((object)b));
        Assert.True(a.Equals(new Dual(1, 2)));
        Assert.Equal(a.GetHashCode(), new Dual(1, 2).GetHashCode());
        Assert.Equal(0, a.CompareTo(b));
        Assert.False(a.Equals((object)1.0));
    }

    [Fact]
    public void Ordering_uses_values_regardless_of_derivatives()
    {
        var small = new Dual(1, 100);
        var big = new Dual(2, -100);

        Assert.True(small < big);
        Assert.True(small <= big);
        Assert.True(big > small);
        Assert.True(big >= small);
        Assert.False(big < small);
        Assert.True(small.CompareTo(big) < 0);
        Assert.True(big.CompareTo((object)small) > 0);
        Assert.Equal(1, small.CompareTo(null));
        Assert.Throws<ArgumentException>(() => small.CompareTo("1"));

        var list = new List<Dual> { big, new Dual(-5, 0), small };
        list.Sort();
        Assert.Equal(new[] { new Dual(-5, 0), small, big }, list);
    }

    [Fact]
    public void NaN_and_signed_zero_follow_double_semantics()
    {
        Assert.False(Dual.NaN == Dual.NaN);
        Assert.True(Dual.NaN != Dual.NaN);
        Assert.True(Dual.NaN.Equals(Dual.NaN));
        Assert.Equal(-1, Dual.NaN.CompareTo(Dual.Zero));

        var plus = new Dual(0.0, 0.0);
        var minus = new Dual(-0.0, -0.0);
        Assert.True(plus == minus);
        Assert.True(plus.Equals(minus));
        Assert.Equal(plus.GetHashCode(), minus.GetHashCode());
    }

    [Fact]
    public void Equal_duals_collapse_in_a_hash_set_but_different_derivatives_do_not()
    {
        var set = new HashSet<Dual> { new(1, 2), new(1, 2), new(1, 3) };
        Assert.Equal(2, set.Count);
    }

    // ----------------------------------------------------------------------------------------------------
    // Formatting and parsing
    // ----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(1.5, 0.25, "1.5 + 0.25ε")]
    [InlineData(-2, -0.5, "-2 - 0.5ε")]
    [InlineData(3, 0, "3 + 0ε")]
    [InlineData(3, -0.0, "3 - 0ε")]
    [InlineData(0.1, double.NaN, "0.1 + NaNε")]
    [InlineData(1, double.NegativeInfinity, "1 - Infinityε")]
    public void ToString_shows_value_and_signed_derivative(double value, double derivative, string expected)
    {
        var d = new Dual(value, derivative);
        Assert.Equal(expected, d.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(expected, d.ToString());
        Assert.Equal(expected, $"{d}");
        Assert.Equal(expected, string.Create(CultureInfo.InvariantCulture, $"{d}"));
    }

    [Fact]
    public void Format_and_provider_apply_to_both_parts()
    {
        var d = new Dual(1.23456, -2);
        Assert.Equal("1.23 - 2.00ε", d.ToString("F2", CultureInfo.InvariantCulture));
        Assert.Equal("1.23 - 2.00ε", d.ToString("F2"));

        var comma = new NumberFormatInfo { NumberDecimalSeparator = "," };
        Assert.Equal("1,5 + 0,25ε", new Dual(1.5, 0.25).ToString(comma));
    }

    [Fact]
    public void TryFormat_chars_writes_exactly_or_reports_too_small()
    {
        var d = new Dual(-1.5, 0.25);
        string expected = "-1.5 + 0.25ε";

        Span<char> buffer = stackalloc char[64];
        Assert.True(d.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture));
        Assert.Equal(expected, buffer[..written].ToString());

        for (int size = 0; size < expected.Length; size++)
        {
            Assert.False(d.TryFormat(new char[size], out int w, default, CultureInfo.InvariantCulture), $"size {size}");
            Assert.Equal(0, w);
        }

        Assert.True(d.TryFormat(new char[expected.Length], out written, default, CultureInfo.InvariantCulture));
        Assert.Equal(expected.Length, written);
    }

    [Fact]
    public void TryFormat_utf8_matches_ToString()
    {
        var d = new Dual(2.5, -0.125);
        byte[] expected = Encoding.UTF8.GetBytes(d.ToString(CultureInfo.InvariantCulture));

        byte[] buffer = new byte[64];
        Assert.True(d.TryFormat(buffer, out int written, "G", CultureInfo.InvariantCulture));
        Assert.Equal(expected, buffer[..written]);

        for (int size = 0; size < expected.Length; size++)
        {
            Assert.False(d.TryFormat(new byte[size], out _, "G", CultureInfo.InvariantCulture), $"size {size}");
        }
    }

    [Fact]
    public void Parse_reads_a_plain_double_as_a_constant()
    {
        IFormatProvider inv = CultureInfo.InvariantCulture;
        Assert.Equal(new Dual(1.25), Dual.Parse("1.25", inv));
        Assert.Equal(new Dual(1000), Dual.Parse("1,000", NumberStyles.Float | NumberStyles.AllowThousands, inv));
        Assert.Equal(new Dual(-3.5), Dual.Parse("-3.5".AsSpan(), inv));
        Assert.Equal(new Dual(-3.5), Dual.Parse("-3.5".AsSpan(), NumberStyles.Float, inv));
        Assert.Equal(new Dual(0.5), Dual.Parse("0.5"u8, inv));
        Assert.Equal(new Dual(0.5), Dual.Parse("0.5"u8, NumberStyles.Float, inv));
        Assert.Equal(new Dual(7), GenericParse<Dual>("7"));

        Assert.True(Dual.TryParse("2e3", inv, out Dual r));
        Assert.Equal(new Dual(2000), r);
        Assert.True(Dual.TryParse("2e3", NumberStyles.Float, inv, out r));
        Assert.True(Dual.TryParse("2e3".AsSpan(), inv, out r));
        Assert.True(Dual.TryParse("2e3".AsSpan(), NumberStyles.Float, inv, out r));
        Assert.True(Dual.TryParse("2e3"u8, inv, out r));
        Assert.True(Dual.TryParse("2e3"u8, NumberStyles.Float, inv, out r));
        Assert.Equal(new Dual(2000), r);
    }

    [Fact]
    public void Parse_rejects_the_dual_form_and_garbage()
    {
        IFormatProvider inv = CultureInfo.InvariantCulture;
        Assert.Throws<FormatException>(() => Dual.Parse("1.5 + 0.25ε", inv));
        Assert.False(Dual.TryParse("abc", inv, out Dual r));
        Assert.Equal(new Dual(0), r);
        Assert.False(Dual.TryParse((string?)null, inv, out _));
        Assert.False(Dual.TryParse("x"u8, inv, out _));
    }

    private static T GenericParse<T>(string s) where T : INumberBase<T> => T.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
