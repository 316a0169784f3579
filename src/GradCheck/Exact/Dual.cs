using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace GradCheck;

/// <summary>
/// A forward-mode dual number <c>Value + Derivative·ε</c> with <c>ε² = 0</c>: evaluating a function on
/// <see cref="Dual"/> yields its value and its exact (chain-rule) derivative along one tangent direction.
/// Implements <see cref="IFloatingPointIeee754{TSelf}"/>, so generic code written once against
/// <c>T : IFloatingPointIeee754&lt;T&gt;</c> runs unchanged on <see cref="double"/>, <see cref="float"/> and
/// <see cref="Dual"/>.
/// </summary>
/// <remarks>
/// <para>
/// Semantics, stated once here and referenced by the members:
/// </para>
/// <list type="bullet">
/// <item><description><b>Values</b> are always computed exactly as <see cref="double"/> computes them.</description></item>
/// <item><description><b>Structural zeros.</b> A zero tangent contributes exactly zero, even when the partial
/// derivative it would be multiplied by is infinite or NaN. So constants stay constants
/// (<c>Sqrt(Constant(0))</c> has derivative 0, not NaN), and <c>Pow(x, Constant(2))</c> at a negative
/// <c>x</c> does not pick up the NaN from <c>ln x</c>.</description></item>
/// <item><description><b>Comparisons</b> (<c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c>,
/// <c>&gt;=</c>, <see cref="CompareTo(Dual)"/>) and all <c>Is…</c> predicates look at <see cref="Value"/> only,
/// so generic code takes the same branches on <see cref="Dual"/> as on <see cref="double"/>.
/// <see cref="Equals(Dual)"/> and <see cref="GetHashCode"/> are structural (both parts, with
/// <see cref="double.Equals(double)"/> semantics), so <c>new Dual(1, 2) == new Dual(1, 3)</c> is true but
/// <c>Equals</c> is false.</description></item>
/// <item><description><b>Branches</b> (<see cref="Abs"/>, <see cref="Max"/>, <see cref="Min"/>,
/// <see cref="Clamp"/>, …) return the derivative of the branch they select: a one-sided derivative at a kink.
/// When two arguments tie (their values compare equal with <c>==</c>, so +0 and −0 tie), the first argument's
/// derivative is returned.</description></item>
/// <item><description><b>Non-differentiable points</b> produce whatever the derivative formula yields there
/// (±∞ or NaN), e.g. <c>Sqrt</c> at 0 gives ±∞ and <c>Hypot</c> at (0, 0) gives NaN.</description></item>
/// <item><description><b>Piecewise-constant functions</b> (<see cref="Round(Dual)"/>, <see cref="Floor"/>,
/// <see cref="Ceiling"/>, <see cref="Truncate"/>) have derivative 0 (the almost-everywhere derivative).</description></item>
/// <item><description><b>Conversions</b> into <see cref="Dual"/> (<c>CreateChecked</c> and friends, the implicit
/// conversion from <see cref="double"/>, parsing) produce constants; conversions out of <see cref="Dual"/>
/// (e.g. <c>double.CreateChecked(dual)</c>, the explicit conversion) return <see cref="Value"/> and drop the
/// derivative.</description></item>
/// </list>
/// </remarks>
public readonly struct Dual : IFloatingPointIeee754<Dual>, IMinMaxValue<Dual>
{
    private const double Ln2 = 0.693147180559945309417232121458176568;
    private const double Ln10 = 2.30258509299404568401799145468436421;

    /// <summary>Creates a dual number <c>value + derivative·ε</c>.</summary>
    /// <param name="value">The primal value.</param>
    /// <param name="derivative">The tangent (derivative along the chosen direction); 0 makes a constant.</param>
    public Dual(double value, double derivative = 0)
    {
        Value = value;
        Derivative = derivative;
    }

    /// <summary>The primal value.</summary>
    public double Value { get; }

    /// <summary>The tangent: the derivative of the computation along the seeded direction.</summary>
    public double Derivative { get; }

    /// <summary>True when both <see cref="Value"/> and <see cref="Derivative"/> are finite. (The static
    /// <see cref="IsFinite"/> looks at <see cref="Value"/> only.)</summary>
    public bool IsFullyFinite => double.IsFinite(Value) && double.IsFinite(Derivative);

    /// <summary>The independent variable <c>value + 1·ε</c>: derivatives are taken with respect to it.</summary>
    /// <param name="value">The point at which to differentiate.</param>
    public static Dual Variable(double value) => new(value, 1);

    /// <summary>A constant <c>value + 0·ε</c>.</summary>
    /// <param name="value">The constant's value.</param>
    public static Dual Constant(double value) => new(value, 0);

    // ----------------------------------------------------------------------------------------------------
    // Helpers
    // ----------------------------------------------------------------------------------------------------

    /// <summary>partial·tangent, with a zero tangent contributing exactly 0 (structural zero).</summary>
    private static double Chain(double partial, double tangent) => tangent == 0 ? 0 : partial * tangent;

    /// <summary>tangent/denominator, with a zero tangent contributing exactly 0 (structural zero).</summary>
    private static double ChainDiv(double tangent, double denominator) => tangent == 0 ? 0 : tangent / denominator;

    /// <summary>
    /// Derivative of a two-way selection whose result value is <paramref name="result"/>: the derivative of the
    /// argument whose value equals the result. The comparison is numeric, so on a tie (including +0 vs −0) it is
    /// <paramref name="x"/>'s; a NaN result takes the NaN argument's derivative (again <paramref name="x"/>'s first).
    /// </summary>
    private static Dual Select(double result, Dual x, Dual y)
    {
        bool takeX = double.IsNaN(result) ? double.IsNaN(x.Value) : result == x.Value;
        return new Dual(result, takeX ? x.Derivative : y.Derivative);
    }

    // ----------------------------------------------------------------------------------------------------
    // Constants
    // ----------------------------------------------------------------------------------------------------

    /// <summary>The constant 0.</summary>
    public static Dual Zero => new(0);

    /// <summary>The constant 1.</summary>
    public static Dual One => new(1);

    /// <summary>The constant −1.</summary>
    public static Dual NegativeOne => new(-1);

    /// <summary>The radix of the underlying <see cref="double"/>: 2.</summary>
    public static int Radix => 2;

    /// <summary>The constant 0.</summary>
    public static Dual AdditiveIdentity => Zero;

    /// <summary>The constant 1.</summary>
    public static Dual MultiplicativeIdentity => One;

    /// <summary>The constant e.</summary>
    public static Dual E => new(double.E);

    /// <summary>The constant π.</summary>
    public static Dual Pi => new(double.Pi);

    /// <summary>The constant τ = 2π.</summary>
    public static Dual Tau => new(double.Tau);

    /// <summary>The constant <see cref="double.Epsilon"/> (smallest positive subnormal).</summary>
    public static Dual Epsilon => new(double.Epsilon);

    /// <summary>The constant NaN.</summary>
    public static Dual NaN => new(double.NaN);

    /// <summary>The constant −∞.</summary>
    public static Dual NegativeInfinity => new(double.NegativeInfinity);

    /// <summary>The constant +∞.</summary>
    public static Dual PositiveInfinity => new(double.PositiveInfinity);

    /// <summary>The constant −0.</summary>
    public static Dual NegativeZero => new(-0.0);

    /// <summary>The constant <see cref="double.MaxValue"/>.</summary>
    public static Dual MaxValue => new(double.MaxValue);

    /// <summary>The constant <see cref="double.MinValue"/>.</summary>
    public static Dual MinValue => new(double.MinValue);

    // ----------------------------------------------------------------------------------------------------
    // Conversions (operators)
    // ----------------------------------------------------------------------------------------------------

    /// <summary>Converts a <see cref="double"/> into a constant (derivative 0).</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Dual(double value) => new(value);

    /// <summary>Returns <see cref="Value"/>; the derivative is dropped.</summary>
    /// <param name="value">The dual number.</param>
    public static explicit operator double(Dual value) => value.Value;

    // ----------------------------------------------------------------------------------------------------
    // Arithmetic operators
    // ----------------------------------------------------------------------------------------------------

    /// <summary>Sum; derivative <c>da + db</c>.</summary>
    /// <param name="left">The first operand.</param>
    /// <param name="right">The second operand.</param>
    public static Dual operator +(Dual left, Dual right) =>
        new(left.Value + right.Value, left.Derivative + right.Derivative);

    /// <summary>Same as <c>+</c> (floating point does not overflow-check).</summary>
    /// <param name="left">The first operand.</param>
    /// <param name="right">The second operand.</param>
    public static Dual operator checked +(Dual left, Dual right) => left + right;

    /// <summary>Difference; derivative <c>da − db</c>.</summary>
    /// <param name="left">The first operand.</param>
    /// <param name="right">The second operand.</param>
    public static Dual operator -(Dual left, Dual right) =>
        new(left.Value - right.Value, left.Derivative - right.Derivative);

    /// <summary>Same as <c>-</c>.</summary>
    /// <param name="left">The first operand.</param>
    /// <param name="right">The second operand.</param>
    public static Dual operator checked -(Dual left, Dual right) => left - right;

    /// <summary>Product; derivative <c>da·b + a·db</c>.</summary>
    /// <param name="left">The first operand.</param>
    /// <param name="right">The second operand.</param>
    public static Dual operator *(Dual left, Dual right) =>
        new(left.Value * right.Value, Chain(right.Value, left.Derivative) + Chain(left.Value, right.Derivative));

    /// <summary>Same as <c>*</c>.</summary>
    /// <param name="left">The first operand.</param>
    /// <param name="right">The second operand.</param>
    public static Dual operator checked *(Dual left, Dual right) => left * right;

    /// <summary>Quotient <c>q = a/b</c>; derivative <c>(da − q·db)/b</c>.</summary>
    /// <param name="left">The dividend.</param>
    /// <param name="right">The divisor.</param>
    public static Dual operator /(Dual left, Dual right)
    {
        double q = left.Value / right.Value;
        double d = left.Derivative == 0 && right.Derivative == 0
            ? 0
            : (left.Derivative - Chain(q, right.Derivative)) / right.Value;
        return new Dual(q, d);
    }

    /// <summary>Same as <c>/</c>.</summary>
    /// <param name="left">The dividend.</param>
    /// <param name="right">The divisor.</param>
    public static Dual operator checked /(Dual left, Dual right) => left / right;

    /// <summary>
    /// Truncated remainder <c>r = a − n·b</c> with <c>n = trunc(a/b)</c> (C# <c>%</c> on <see cref="double"/>);
    /// derivative <c>da − n·db</c> (one-sided at the jumps).
    /// </summary>
    /// <param name="left">The dividend.</param>
    /// <param name="right">The divisor.</param>
    public static Dual operator %(Dual left, Dual right)
    {
        double r = left.Value % right.Value;
        double n = right.Derivative == 0 ? 0 : Math.Round((left.Value - r) / right.Value);
        return new Dual(r, left.Derivative - Chain(n, right.Derivative));
    }

    /// <summary>Negation; derivative <c>−da</c>.</summary>
    /// <param name="value">The operand.</param>
    public static Dual operator -(Dual value) => new(-value.Value, -value.Derivative);

    /// <summary>Same as unary <c>-</c>.</summary>
    /// <param name="value">The operand.</param>
    public static Dual operator checked -(Dual value) => -value;

    /// <summary>Identity.</summary>
    /// <param name="value">The operand.</param>
    public static Dual operator +(Dual value) => value;

    /// <summary>Adds 1 to the value; derivative unchanged.</summary>
    /// <param name="value">The operand.</param>
    public static Dual operator ++(Dual value) => new(value.Value + 1, value.Derivative);

    /// <summary>Same as <c>++</c>.</summary>
    /// <param name="value">The operand.</param>
    public static Dual operator checked ++(Dual value) => ++value;

    /// <summary>Subtracts 1 from the value; derivative unchanged.</summary>
    /// <param name="value">The operand.</param>
    public static Dual operator --(Dual value) => new(value.Value - 1, value.Derivative);

    /// <summary>Same as <c>--</c>.</summary>
    /// <param name="value">The operand.</param>
    public static Dual operator checked --(Dual value) => --value;

    // ----------------------------------------------------------------------------------------------------
    // Comparison and equality
    // ----------------------------------------------------------------------------------------------------

    /// <summary>Compares <see cref="Value"/> only (IEEE semantics: NaN is unequal to everything).</summary>
    /// <param name="left">The first operand.</param>
    /// <param name="right">The second operand.</param>
    public static bool operator ==(Dual left, Dual right) => left.Value == right.Value;

    /// <summary>Compares <see cref="Value"/> only (IEEE semantics).</summary>
    /// <param name="left">The first operand.</param>
    /// <param name="right">The second operand.</param>
    public static bool operator !=(Dual left, Dual right) => left.Value != right.Value;

    /// <summary>Compares <see cref="Value"/> only.</summary>
    /// <param name="left">The first operand.</param>
    /// <param name="right">The second operand.</param>
    public static bool operator <(Dual left, Dual right) => left.Value < right.Value;

    /// <summary>Compares <see cref="Value"/> only.</summary>
    /// <param name="left">The first operand.</param>
    /// <param name="right">The second operand.</param>
    public static bool operator >(Dual left, Dual right) => left.Value > right.Value;

    /// <summary>Compares <see cref="Value"/> only.</summary>
    /// <param name="left">The first operand.</param>
    /// <param name="right">The second operand.</param>
    public static bool operator <=(Dual left, Dual right) => left.Value <= right.Value;

    /// <summary>Compares <see cref="Value"/> only.</summary>
    /// <param name="left">The first operand.</param>
    /// <param name="right">The second operand.</param>
    public static bool operator >=(Dual left, Dual right) => left.Value >= right.Value;

    /// <summary>
    /// Orders by <see cref="Value"/> only, with <see cref="double.CompareTo(double)"/> semantics (NaN first).
    /// Two duals with equal values but different derivatives compare as 0 while not being
    /// <see cref="Equals(Dual)"/>.
    /// </summary>
    /// <param name="other">The dual to compare with.</param>
    public int CompareTo(Dual other) => Value.CompareTo(other.Value);

    /// <summary>Orders by <see cref="Value"/> only; <see langword="null"/> sorts first.</summary>
    /// <param name="obj">A <see cref="Dual"/> or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a <see cref="Dual"/>.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Dual other => CompareTo(other),
        _ => throw new ArgumentException("Object must be of type Dual.", nameof(obj)),
    };

    /// <summary>
    /// Structural equality: both <see cref="Value"/> and <see cref="Derivative"/> equal under
    /// <see cref="double.Equals(double)"/> (NaN equals NaN, +0 equals −0). Unlike <c>==</c>, which compares values only.
    /// </summary>
    /// <param name="other">The dual to compare with.</param>
    public bool Equals(Dual other) => Value.Equals(other.Value) && Derivative.Equals(other.Derivative);

    /// <summary>Structural equality; see <see cref="Equals(Dual)"/>.</summary>
    /// <param name="obj">The object to compare with.</param>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Dual other && Equals(other);

    /// <summary>A hash of both parts, consistent with <see cref="Equals(Dual)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Value, Derivative);

    // ----------------------------------------------------------------------------------------------------
    // Predicates (on Value only)
    // ----------------------------------------------------------------------------------------------------

    /// <summary>Always true.</summary>
    /// <param name="value">The number.</param>
    public static bool IsCanonical(Dual value) => true;

    /// <summary>Always false.</summary>
    /// <param name="value">The number.</param>
    public static bool IsComplexNumber(Dual value) => false;

    /// <summary>Whether <see cref="Value"/> is an even integer.</summary>
    /// <param name="value">The number.</param>
    public static bool IsEvenInteger(Dual value) => double.IsEvenInteger(value.Value);

    /// <summary>Whether <see cref="Value"/> is finite (the derivative is not inspected; see <see cref="IsFullyFinite"/>).</summary>
    /// <param name="value">The number.</param>
    public static bool IsFinite(Dual value) => double.IsFinite(value.Value);

    /// <summary>Always false.</summary>
    /// <param name="value">The number.</param>
    public static bool IsImaginaryNumber(Dual value) => false;

    /// <summary>Whether <see cref="Value"/> is ±∞.</summary>
    /// <param name="value">The number.</param>
    public static bool IsInfinity(Dual value) => double.IsInfinity(value.Value);

    /// <summary>Whether <see cref="Value"/> is an integer.</summary>
    /// <param name="value">The number.</param>
    public static bool IsInteger(Dual value) => double.IsInteger(value.Value);

    /// <summary>Whether <see cref="Value"/> is NaN (the derivative is not inspected).</summary>
    /// <param name="value">The number.</param>
    public static bool IsNaN(Dual value) => double.IsNaN(value.Value);

    /// <summary>Whether <see cref="Value"/> has its sign bit set.</summary>
    /// <param name="value">The number.</param>
    public static bool IsNegative(Dual value) => double.IsNegative(value.Value);

    /// <summary>Whether <see cref="Value"/> is −∞.</summary>
    /// <param name="value">The number.</param>
    public static bool IsNegativeInfinity(Dual value) => double.IsNegativeInfinity(value.Value);

    /// <summary>Whether <see cref="Value"/> is normal.</summary>
    /// <param name="value">The number.</param>
    public static bool IsNormal(Dual value) => double.IsNormal(value.Value);

    /// <summary>Whether <see cref="Value"/> is an odd integer.</summary>
    /// <param name="value">The number.</param>
    public static bool IsOddInteger(Dual value) => double.IsOddInteger(value.Value);

    /// <summary>Whether <see cref="Value"/> has its sign bit clear.</summary>
    /// <param name="value">The number.</param>
    public static bool IsPositive(Dual value) => double.IsPositive(value.Value);

    /// <summary>Whether <see cref="Value"/> is +∞.</summary>
    /// <param name="value">The number.</param>
    public static bool IsPositiveInfinity(Dual value) => double.IsPositiveInfinity(value.Value);

    /// <summary>Whether <see cref="Value"/> is a real number (not NaN).</summary>
    /// <param name="value">The number.</param>
    public static bool IsRealNumber(Dual value) => double.IsRealNumber(value.Value);

    /// <summary>Whether <see cref="Value"/> is subnormal.</summary>
    /// <param name="value">The number.</param>
    public static bool IsSubnormal(Dual value) => double.IsSubnormal(value.Value);

    /// <summary>Whether <see cref="Value"/> is ±0.</summary>
    /// <param name="value">The number.</param>
    public static bool IsZero(Dual value) => value.Value == 0;

    // ----------------------------------------------------------------------------------------------------
    // Sign, magnitude, selection
    // ----------------------------------------------------------------------------------------------------

    /// <summary>|x|; derivative <c>−dx</c> if <c>x &lt; 0</c>, else <c>dx</c> (so at ±0 the <c>x ≥ 0</c> branch: <c>dx</c>).</summary>
    /// <param name="value">The number.</param>
    public static Dual Abs(Dual value) => new(Math.Abs(value.Value), value.Value < 0 ? -value.Derivative : value.Derivative);

    /// <summary>The sign of <see cref="Value"/> (−1, 0 or 1).</summary>
    /// <param name="value">The number.</param>
    /// <exception cref="ArithmeticException"><see cref="Value"/> is NaN.</exception>
    public static int Sign(Dual value) => Math.Sign(value.Value);

    /// <summary>
    /// <paramref name="value"/> with the sign of <paramref name="sign"/>; derivative <c>±dvalue</c> (negated iff the
    /// sign was flipped). The derivative with respect to <paramref name="sign"/> is 0.
    /// </summary>
    /// <param name="value">The magnitude source.</param>
    /// <param name="sign">The sign source.</param>
    public static Dual CopySign(Dual value, Dual sign)
    {
        double r = Math.CopySign(value.Value, sign.Value);
        return new Dual(r, double.IsNegative(r) == double.IsNegative(value.Value) ? value.Derivative : -value.Derivative);
    }

    /// <summary>Larger value (NaN propagates, as <see cref="double.Max"/>); derivative of the selected argument, <paramref name="x"/>'s on ties.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static Dual Max(Dual x, Dual y) => Select(double.Max(x.Value, y.Value), x, y);

    /// <summary>Smaller value (NaN propagates, as <see cref="double.Min"/>); derivative of the selected argument, <paramref name="x"/>'s on ties.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static Dual Min(Dual x, Dual y) => Select(double.Min(x.Value, y.Value), x, y);

    /// <summary>Same as <see cref="Max"/>.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static Dual MaxNative(Dual x, Dual y) => Max(x, y);

    /// <summary>Same as <see cref="Min"/>.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static Dual MinNative(Dual x, Dual y) => Min(x, y);

    /// <summary>Larger value ignoring NaN (as <see cref="double.MaxNumber"/>); derivative of the selected argument, <paramref name="x"/>'s on ties.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static Dual MaxNumber(Dual x, Dual y) => Select(double.MaxNumber(x.Value, y.Value), x, y);

    /// <summary>Smaller value ignoring NaN (as <see cref="double.MinNumber"/>); derivative of the selected argument, <paramref name="x"/>'s on ties.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static Dual MinNumber(Dual x, Dual y) => Select(double.MinNumber(x.Value, y.Value), x, y);

    /// <summary>
    /// Argument of larger magnitude (as <see cref="double.MaxMagnitude"/>: on |x| = |y| the positive one, NaN
    /// propagates); derivative of the selected argument, <paramref name="x"/>'s when the values are equal.
    /// </summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static Dual MaxMagnitude(Dual x, Dual y) => Select(double.MaxMagnitude(x.Value, y.Value), x, y);

    /// <summary>
    /// Argument of smaller magnitude (as <see cref="double.MinMagnitude"/>: on |x| = |y| the negative one, NaN
    /// propagates); derivative of the selected argument, <paramref name="x"/>'s when the values are equal.
    /// </summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static Dual MinMagnitude(Dual x, Dual y) => Select(double.MinMagnitude(x.Value, y.Value), x, y);

    /// <summary>As <see cref="MaxMagnitude"/> but ignoring NaN (as <see cref="double.MaxMagnitudeNumber"/>).</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static Dual MaxMagnitudeNumber(Dual x, Dual y) => Select(double.MaxMagnitudeNumber(x.Value, y.Value), x, y);

    /// <summary>As <see cref="MinMagnitude"/> but ignoring NaN (as <see cref="double.MinMagnitudeNumber"/>).</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static Dual MinMagnitudeNumber(Dual x, Dual y) => Select(double.MinMagnitudeNumber(x.Value, y.Value), x, y);

    /// <summary>
    /// Clamps <paramref name="value"/> to [<paramref name="min"/>, <paramref name="max"/>] (as
    /// <see cref="double.Clamp"/>). Derivative: <paramref name="min"/>'s if <c>value &lt; min</c>,
    /// <paramref name="max"/>'s if <c>value &gt; max</c>, otherwise <paramref name="value"/>'s (including at the bounds).
    /// </summary>
    /// <param name="value">The value to clamp.</param>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    /// <exception cref="ArgumentException"><c>min.Value &gt; max.Value</c>.</exception>
    public static Dual Clamp(Dual value, Dual min, Dual max)
    {
        double r = double.Clamp(value.Value, min.Value, max.Value);
        double d = value.Value < min.Value ? min.Derivative
            : value.Value > max.Value ? max.Derivative
            : value.Derivative;
        return new Dual(r, d);
    }

    /// <summary>Same as <see cref="Clamp"/>.</summary>
    /// <param name="value">The value to clamp.</param>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    public static Dual ClampNative(Dual value, Dual min, Dual max) => Clamp(value, min, max);

    // ----------------------------------------------------------------------------------------------------
    // Rounding (piecewise constant: derivative 0)
    // ----------------------------------------------------------------------------------------------------

    /// <summary>Rounds <see cref="Value"/> to the nearest integer (ties to even); derivative 0.</summary>
    /// <param name="x">The number.</param>
    public static Dual Round(Dual x) => new(Math.Round(x.Value));

    /// <summary>Rounds <see cref="Value"/> to <paramref name="digits"/> fractional digits; derivative 0.</summary>
    /// <param name="x">The number.</param>
    /// <param name="digits">Number of fractional digits.</param>
    public static Dual Round(Dual x, int digits) => new(Math.Round(x.Value, digits));

    /// <summary>Rounds <see cref="Value"/> to an integer using <paramref name="mode"/>; derivative 0.</summary>
    /// <param name="x">The number.</param>
    /// <param name="mode">The rounding mode.</param>
    public static Dual Round(Dual x, MidpointRounding mode) => new(Math.Round(x.Value, mode));

    /// <summary>Rounds <see cref="Value"/> to <paramref name="digits"/> fractional digits using <paramref name="mode"/>; derivative 0.</summary>
    /// <param name="x">The number.</param>
    /// <param name="digits">Number of fractional digits.</param>
    /// <param name="mode">The rounding mode.</param>
    public static Dual Round(Dual x, int digits, MidpointRounding mode) => new(Math.Round(x.Value, digits, mode));

    /// <summary>Floor of <see cref="Value"/>; derivative 0.</summary>
    /// <param name="x">The number.</param>
    public static Dual Floor(Dual x) => new(Math.Floor(x.Value));

    /// <summary>Ceiling of <see cref="Value"/>; derivative 0.</summary>
    /// <param name="x">The number.</param>
    public static Dual Ceiling(Dual x) => new(Math.Ceiling(x.Value));

    /// <summary>Integer part of <see cref="Value"/>; derivative 0.</summary>
    /// <param name="x">The number.</param>
    public static Dual Truncate(Dual x) => new(Math.Truncate(x.Value));

    /// <summary>Converts <see cref="Value"/> to an integer type, saturating (as <see cref="double.ConvertToInteger{TInteger}"/>).</summary>
    /// <typeparam name="TInteger">The integer type.</typeparam>
    /// <param name="value">The number.</param>
    public static TInteger ConvertToInteger<TInteger>(Dual value) where TInteger : IBinaryInteger<TInteger> =>
        double.ConvertToInteger<TInteger>(value.Value);

    /// <summary>Converts <see cref="Value"/> to an integer type with platform-specific overflow behaviour (as <see cref="double.ConvertToIntegerNative{TInteger}"/>).</summary>
    /// <typeparam name="TInteger">The integer type.</typeparam>
    /// <param name="value">The number.</param>
    public static TInteger ConvertToIntegerNative<TInteger>(Dual value) where TInteger : IBinaryInteger<TInteger> =>
        double.ConvertToIntegerNative<TInteger>(value.Value);

    // ----------------------------------------------------------------------------------------------------
    // IEEE 754 operations
    // ----------------------------------------------------------------------------------------------------

    /// <summary>Next smaller <see cref="double"/>; derivative unchanged (the function is the identity up to one ulp).</summary>
    /// <param name="x">The number.</param>
    public static Dual BitDecrement(Dual x) => new(Math.BitDecrement(x.Value), x.Derivative);

    /// <summary>Next larger <see cref="double"/>; derivative unchanged (the function is the identity up to one ulp).</summary>
    /// <param name="x">The number.</param>
    public static Dual BitIncrement(Dual x) => new(Math.BitIncrement(x.Value), x.Derivative);

    /// <summary>
    /// <c>(left·right) + addend</c> rounded once; derivative <c>dleft·right + left·dright + daddend</c>.
    /// </summary>
    /// <param name="left">The first factor.</param>
    /// <param name="right">The second factor.</param>
    /// <param name="addend">The addend.</param>
    public static Dual FusedMultiplyAdd(Dual left, Dual right, Dual addend) =>
        new(Math.FusedMultiplyAdd(left.Value, right.Value, addend.Value),
            Chain(right.Value, left.Derivative) + Chain(left.Value, right.Derivative) + addend.Derivative);

    /// <summary>
    /// <c>(left·right) + addend</c> (value as <see cref="double.MultiplyAddEstimate"/>); derivative
    /// <c>dleft·right + left·dright + daddend</c>.
    /// </summary>
    /// <param name="left">The first factor.</param>
    /// <param name="right">The second factor.</param>
    /// <param name="addend">The addend.</param>
    public static Dual MultiplyAddEstimate(Dual left, Dual right, Dual addend) =>
        new(double.MultiplyAddEstimate(left.Value, right.Value, addend.Value),
            Chain(right.Value, left.Derivative) + Chain(left.Value, right.Derivative) + addend.Derivative);

    /// <summary>
    /// IEEE remainder <c>r = x − n·y</c>, <c>n = round-half-even(x/y)</c>; derivative <c>dx − n·dy</c> (one-sided at the jumps).
    /// </summary>
    /// <param name="left">The dividend x.</param>
    /// <param name="right">The divisor y.</param>
    public static Dual Ieee754Remainder(Dual left, Dual right)
    {
        double r = Math.IEEERemainder(left.Value, right.Value);
        double n = right.Derivative == 0 ? 0 : Math.Round((left.Value - r) / right.Value);
        return new Dual(r, left.Derivative - Chain(n, right.Derivative));
    }

    /// <summary>Unbiased exponent of <see cref="Value"/> (as <see cref="Math.ILogB"/>).</summary>
    /// <param name="x">The number.</param>
    public static int ILogB(Dual x) => Math.ILogB(x.Value);

    /// <summary><c>x·2ⁿ</c>; derivative <c>dx·2ⁿ</c> (both computed exactly with <see cref="Math.ScaleB"/>).</summary>
    /// <param name="x">The number.</param>
    /// <param name="n">The power of two.</param>
    public static Dual ScaleB(Dual x, int n) => new(Math.ScaleB(x.Value, n), Math.ScaleB(x.Derivative, n));

    /// <summary>
    /// Linear interpolation <c>a·(1 − t) + b·t</c> (value as <see cref="double.Lerp"/>); derivative
    /// <c>da·(1 − t) + db·t + (b − a)·dt</c>.
    /// </summary>
    /// <param name="value1">The start a.</param>
    /// <param name="value2">The end b.</param>
    /// <param name="amount">The weight t.</param>
    public static Dual Lerp(Dual value1, Dual value2, Dual amount) =>
        new(double.Lerp(value1.Value, value2.Value, amount.Value),
            Chain(1 - amount.Value, value1.Derivative) + Chain(amount.Value, value2.Derivative)
            + Chain(value2.Value - value1.Value, amount.Derivative));

    /// <summary><c>1/x</c>, computed exactly (not a hardware estimate); derivative <c>−dx/x²</c>.</summary>
    /// <param name="x">The number.</param>
    public static Dual ReciprocalEstimate(Dual x)
    {
        double r = 1 / x.Value;
        return new Dual(r, Chain(-(r * r), x.Derivative));
    }

    /// <summary><c>1/√x</c>, computed exactly (not a hardware estimate); derivative <c>−dx/(2·x^{3/2})</c>.</summary>
    /// <param name="x">The number.</param>
    public static Dual ReciprocalSqrtEstimate(Dual x)
    {
        double r = 1 / Math.Sqrt(x.Value);
        return new Dual(r, Chain(-0.5 * r * r * r, x.Derivative));
    }

    // ----------------------------------------------------------------------------------------------------
    // Exponential and logarithmic functions
    // ----------------------------------------------------------------------------------------------------

    /// <summary><c>eˣ</c>; derivative <c>eˣ·dx</c>.</summary>
    /// <param name="x">The exponent.</param>
    public static Dual Exp(Dual x)
    {
        double e = Math.Exp(x.Value);
        return new Dual(e, Chain(e, x.Derivative));
    }

    /// <summary><c>eˣ − 1</c>; derivative <c>eˣ·dx</c>.</summary>
    /// <param name="x">The exponent.</param>
    public static Dual ExpM1(Dual x) => new(double.ExpM1(x.Value), Chain(Math.Exp(x.Value), x.Derivative));

    /// <summary><c>2ˣ</c>; derivative <c>2ˣ·ln 2·dx</c>.</summary>
    /// <param name="x">The exponent.</param>
    public static Dual Exp2(Dual x)
    {
        double p = double.Exp2(x.Value);
        return new Dual(p, Chain(p * Ln2, x.Derivative));
    }

    /// <summary><c>2ˣ − 1</c>; derivative <c>2ˣ·ln 2·dx</c>.</summary>
    /// <param name="x">The exponent.</param>
    public static Dual Exp2M1(Dual x) => new(double.Exp2M1(x.Value), Chain(double.Exp2(x.Value) * Ln2, x.Derivative));

    /// <summary><c>10ˣ</c>; derivative <c>10ˣ·ln 10·dx</c>.</summary>
    /// <param name="x">The exponent.</param>
    public static Dual Exp10(Dual x)
    {
        double p = double.Exp10(x.Value);
        return new Dual(p, Chain(p * Ln10, x.Derivative));
    }

    /// <summary><c>10ˣ − 1</c>; derivative <c>10ˣ·ln 10·dx</c>.</summary>
    /// <param name="x">The exponent.</param>
    public static Dual Exp10M1(Dual x) => new(double.Exp10M1(x.Value), Chain(double.Exp10(x.Value) * Ln10, x.Derivative));

    /// <summary><c>ln x</c>; derivative <c>dx/x</c>.</summary>
    /// <param name="x">The argument.</param>
    public static Dual Log(Dual x) => new(Math.Log(x.Value), ChainDiv(x.Derivative, x.Value));

    /// <summary>
    /// <c>log_b x = ln x / ln b</c>; derivative <c>dx/(x·ln b) − log_b(x)·db/(b·ln b)</c>.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <param name="newBase">The base b.</param>
    public static Dual Log(Dual x, Dual newBase)
    {
        double r = double.Log(x.Value, newBase.Value);
        double lnB = Math.Log(newBase.Value);
        double d = ChainDiv(x.Derivative, x.Value * lnB) - ChainDiv(r * newBase.Derivative, newBase.Value * lnB);
        return new Dual(r, d);
    }

    /// <summary><c>ln(1 + x)</c>; derivative <c>dx/(1 + x)</c>.</summary>
    /// <param name="x">The argument.</param>
    public static Dual LogP1(Dual x) => new(double.LogP1(x.Value), ChainDiv(x.Derivative, 1 + x.Value));

    /// <summary><c>log₂ x</c>; derivative <c>dx/(x·ln 2)</c>.</summary>
    /// <param name="x">The argument.</param>
    public static Dual Log2(Dual x) => new(Math.Log2(x.Value), ChainDiv(x.Derivative, x.Value * Ln2));

    /// <summary><c>log₂(1 + x)</c>; derivative <c>dx/((1 + x)·ln 2)</c>.</summary>
    /// <param name="x">The argument.</param>
    public static Dual Log2P1(Dual x) => new(double.Log2P1(x.Value), ChainDiv(x.Derivative, (1 + x.Value) * Ln2));

    /// <summary><c>log₁₀ x</c>; derivative <c>dx/(x·ln 10)</c>.</summary>
    /// <param name="x">The argument.</param>
    public static Dual Log10(Dual x) => new(Math.Log10(x.Value), ChainDiv(x.Derivative, x.Value * Ln10));

    /// <summary><c>log₁₀(1 + x)</c>; derivative <c>dx/((1 + x)·ln 10)</c>.</summary>
    /// <param name="x">The argument.</param>
    public static Dual Log10P1(Dual x) => new(double.Log10P1(x.Value), ChainDiv(x.Derivative, (1 + x.Value) * Ln10));

    // ----------------------------------------------------------------------------------------------------
    // Power and root functions
    // ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>xʸ</c> (value as <see cref="Math.Pow"/>). Derivative <c>y·x^(y−1)·dx + xʸ·ln x·dy</c>, where
    /// the first term is 0 when <c>y = 0</c> (x⁰ ≡ 1), the second is 0 when <c>dy = 0</c> (so a negative base with a
    /// constant integer exponent is fine) and when <c>x = 0, y &gt; 0</c> (0ʸ ≡ 0). A negative base with a varying
    /// exponent gives a NaN derivative.
    /// </summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    public static Dual Pow(Dual x, Dual y)
    {
        double p = Math.Pow(x.Value, y.Value);
        double dx = x.Derivative == 0 || y.Value == 0
            ? 0
            : y.Value * Math.Pow(x.Value, y.Value - 1) * x.Derivative;
        double dy = y.Derivative == 0 || (x.Value == 0 && y.Value > 0)
            ? 0
            : p * Math.Log(x.Value) * y.Derivative;
        return new Dual(p, dx + dy);
    }

    /// <summary><c>√x</c>; derivative <c>dx/(2√x)</c> (±∞ at 0 for a nonzero tangent).</summary>
    /// <param name="x">The argument.</param>
    public static Dual Sqrt(Dual x)
    {
        double s = Math.Sqrt(x.Value);
        return new Dual(s, ChainDiv(x.Derivative, 2 * s));
    }

    /// <summary><c>∛x</c>; derivative <c>dx/(3·∛x²)</c>.</summary>
    /// <param name="x">The argument.</param>
    public static Dual Cbrt(Dual x)
    {
        double c = Math.Cbrt(x.Value);
        return new Dual(c, ChainDiv(x.Derivative, 3 * c * c));
    }

    /// <summary><c>h = √(x² + y²)</c> without overflow; derivative <c>(x/h)·dx + (y/h)·dy</c> (NaN at the origin).</summary>
    /// <param name="x">The first leg.</param>
    /// <param name="y">The second leg.</param>
    public static Dual Hypot(Dual x, Dual y)
    {
        double h = double.Hypot(x.Value, y.Value);
        return new Dual(h, Chain(x.Value / h, x.Derivative) + Chain(y.Value / h, y.Derivative));
    }

    /// <summary>
    /// <c>r = x^(1/n)</c> (value as <see cref="double.RootN"/>); derivative <c>dx/(n·r^(n−1))</c>, i.e.
    /// <c>r·dx/(n·x)</c>.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <param name="n">The root degree.</param>
    public static Dual RootN(Dual x, int n)
    {
        double r = double.RootN(x.Value, n);
        double d = n > 0
            ? ChainDiv(x.Derivative, n * Math.Pow(r, n - 1))
            : Chain(r / ((double)n * x.Value), x.Derivative);
        return new Dual(r, d);
    }

    // ----------------------------------------------------------------------------------------------------
    // Trigonometric functions
    // ----------------------------------------------------------------------------------------------------

    /// <summary><c>sin x</c>; derivative <c>cos x·dx</c>.</summary>
    /// <param name="x">The angle in radians.</param>
    public static Dual Sin(Dual x) => new(Math.Sin(x.Value), Chain(Math.Cos(x.Value), x.Derivative));

    /// <summary><c>cos x</c>; derivative <c>−sin x·dx</c>.</summary>
    /// <param name="x">The angle in radians.</param>
    public static Dual Cos(Dual x) => new(Math.Cos(x.Value), Chain(-Math.Sin(x.Value), x.Derivative));

    /// <summary><c>(sin x, cos x)</c> with derivatives as <see cref="Sin"/> and <see cref="Cos"/>.</summary>
    /// <param name="x">The angle in radians.</param>
    public static (Dual Sin, Dual Cos) SinCos(Dual x)
    {
        (double s, double c) = Math.SinCos(x.Value);
        return (new Dual(s, Chain(c, x.Derivative)), new Dual(c, Chain(-s, x.Derivative)));
    }

    /// <summary><c>tan x</c>; derivative <c>(1 + tan² x)·dx</c>.</summary>
    /// <param name="x">The angle in radians.</param>
    public static Dual Tan(Dual x)
    {
        double t = Math.Tan(x.Value);
        return new Dual(t, Chain(1 + t * t, x.Derivative));
    }

    /// <summary><c>asin x</c>; derivative <c>dx/√(1 − x²)</c>.</summary>
    /// <param name="x">The sine, in [−1, 1].</param>
    public static Dual Asin(Dual x) =>
        new(Math.Asin(x.Value), ChainDiv(x.Derivative, Math.Sqrt((1 - x.Value) * (1 + x.Value))));

    /// <summary><c>acos x</c>; derivative <c>−dx/√(1 − x²)</c>.</summary>
    /// <param name="x">The cosine, in [−1, 1].</param>
    public static Dual Acos(Dual x) =>
        new(Math.Acos(x.Value), ChainDiv(-x.Derivative, Math.Sqrt((1 - x.Value) * (1 + x.Value))));

    /// <summary><c>atan x</c>; derivative <c>dx/(1 + x²)</c>.</summary>
    /// <param name="x">The tangent.</param>
    public static Dual Atan(Dual x) => new(Math.Atan(x.Value), ChainDiv(x.Derivative, 1 + x.Value * x.Value));

    /// <summary>
    /// <c>atan2(y, x)</c>; derivative <c>(x·dy − y·dx)/(x² + y²)</c> (computed via <see cref="double.Hypot"/>; NaN at the origin).
    /// </summary>
    /// <param name="y">The y coordinate.</param>
    /// <param name="x">The x coordinate.</param>
    public static Dual Atan2(Dual y, Dual x)
    {
        double h = double.Hypot(x.Value, y.Value);
        double d = Chain(x.Value / h / h, y.Derivative) - Chain(y.Value / h / h, x.Derivative);
        return new Dual(Math.Atan2(y.Value, x.Value), d);
    }

    /// <summary><c>atan2(y, x)/π</c>; derivative <c>(x·dy − y·dx)/(π·(x² + y²))</c>.</summary>
    /// <param name="y">The y coordinate.</param>
    /// <param name="x">The x coordinate.</param>
    public static Dual Atan2Pi(Dual y, Dual x)
    {
        double h = double.Hypot(x.Value, y.Value);
        double d = Chain(x.Value / h / h, y.Derivative) - Chain(y.Value / h / h, x.Derivative);
        return new Dual(double.Atan2Pi(y.Value, x.Value), d / Math.PI);
    }

    /// <summary><c>sin(πx)</c>; derivative <c>π·cos(πx)·dx</c>.</summary>
    /// <param name="x">The angle in half-turns.</param>
    public static Dual SinPi(Dual x) => new(double.SinPi(x.Value), Chain(Math.PI * double.CosPi(x.Value), x.Derivative));

    /// <summary><c>cos(πx)</c>; derivative <c>−π·sin(πx)·dx</c>.</summary>
    /// <param name="x">The angle in half-turns.</param>
    public static Dual CosPi(Dual x) => new(double.CosPi(x.Value), Chain(-Math.PI * double.SinPi(x.Value), x.Derivative));

    /// <summary><c>(sin(πx), cos(πx))</c> with derivatives as <see cref="SinPi"/> and <see cref="CosPi"/>.</summary>
    /// <param name="x">The angle in half-turns.</param>
    public static (Dual SinPi, Dual CosPi) SinCosPi(Dual x)
    {
        (double s, double c) = double.SinCosPi(x.Value);
        return (new Dual(s, Chain(Math.PI * c, x.Derivative)), new Dual(c, Chain(-Math.PI * s, x.Derivative)));
    }

    /// <summary><c>tan(πx)</c>; derivative <c>π·(1 + tan²(πx))·dx</c>.</summary>
    /// <param name="x">The angle in half-turns.</param>
    public static Dual TanPi(Dual x)
    {
        double t = double.TanPi(x.Value);
        return new Dual(t, Chain(Math.PI * (1 + t * t), x.Derivative));
    }

    /// <summary><c>asin(x)/π</c>; derivative <c>dx/(π·√(1 − x²))</c>.</summary>
    /// <param name="x">The sine, in [−1, 1].</param>
    public static Dual AsinPi(Dual x) =>
        new(double.AsinPi(x.Value), ChainDiv(x.Derivative, Math.PI * Math.Sqrt((1 - x.Value) * (1 + x.Value))));

    /// <summary><c>acos(x)/π</c>; derivative <c>−dx/(π·√(1 − x²))</c>.</summary>
    /// <param name="x">The cosine, in [−1, 1].</param>
    public static Dual AcosPi(Dual x) =>
        new(double.AcosPi(x.Value), ChainDiv(-x.Derivative, Math.PI * Math.Sqrt((1 - x.Value) * (1 + x.Value))));

    /// <summary><c>atan(x)/π</c>; derivative <c>dx/(π·(1 + x²))</c>.</summary>
    /// <param name="x">The tangent.</param>
    public static Dual AtanPi(Dual x) =>
        new(double.AtanPi(x.Value), ChainDiv(x.Derivative, Math.PI * (1 + x.Value * x.Value)));

    /// <summary>Degrees to radians, <c>x·π/180</c>; derivative <c>dx·π/180</c>.</summary>
    /// <param name="degrees">The angle in degrees.</param>
    public static Dual DegreesToRadians(Dual degrees) =>
        new(double.DegreesToRadians(degrees.Value), double.DegreesToRadians(degrees.Derivative));

    /// <summary>Radians to degrees, <c>x·180/π</c>; derivative <c>dx·180/π</c>.</summary>
    /// <param name="radians">The angle in radians.</param>
    public static Dual RadiansToDegrees(Dual radians) =>
        new(double.RadiansToDegrees(radians.Value), double.RadiansToDegrees(radians.Derivative));

    // ----------------------------------------------------------------------------------------------------
    // Hyperbolic functions
    // ----------------------------------------------------------------------------------------------------

    /// <summary><c>sinh x</c>; derivative <c>cosh x·dx</c>.</summary>
    /// <param name="x">The argument.</param>
    public static Dual Sinh(Dual x) => new(Math.Sinh(x.Value), Chain(Math.Cosh(x.Value), x.Derivative));

    /// <summary><c>cosh x</c>; derivative <c>sinh x·dx</c>.</summary>
    /// <param name="x">The argument.</param>
    public static Dual Cosh(Dual x) => new(Math.Cosh(x.Value), Chain(Math.Sinh(x.Value), x.Derivative));

    /// <summary><c>tanh x</c>; derivative <c>sech² x·dx</c> (accurate also where tanh x rounds to ±1).</summary>
    /// <param name="x">The argument.</param>
    public static Dual Tanh(Dual x)
    {
        double sech = 1 / Math.Cosh(x.Value);
        return new Dual(Math.Tanh(x.Value), Chain(sech * sech, x.Derivative));
    }

    /// <summary><c>asinh x</c>; derivative <c>dx/√(x² + 1)</c>.</summary>
    /// <param name="x">The argument.</param>
    public static Dual Asinh(Dual x) => new(Math.Asinh(x.Value), ChainDiv(x.Derivative, double.Hypot(x.Value, 1)));

    /// <summary><c>acosh x</c>; derivative <c>dx/(√(x − 1)·√(x + 1))</c>.</summary>
    /// <param name="x">The argument, ≥ 1.</param>
    public static Dual Acosh(Dual x) =>
        new(Math.Acosh(x.Value), ChainDiv(x.Derivative, Math.Sqrt(x.Value - 1) * Math.Sqrt(x.Value + 1)));

    /// <summary><c>atanh x</c>; derivative <c>dx/((1 − x)(1 + x))</c>.</summary>
    /// <param name="x">The argument, in (−1, 1).</param>
    public static Dual Atanh(Dual x) =>
        new(Math.Atanh(x.Value), ChainDiv(x.Derivative, (1 - x.Value) * (1 + x.Value)));

    // ----------------------------------------------------------------------------------------------------
    // Generic-math conversions: into Dual gives constants, out of Dual gives Value.
    // ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Converts any number to a constant dual, throwing on overflow (as <see cref="double.CreateChecked{TOther}"/>).
    /// A <see cref="Dual"/> argument is returned unchanged (derivative kept).
    /// </summary>
    /// <typeparam name="TOther">The source type.</typeparam>
    /// <param name="value">The number.</param>
    /// <exception cref="NotSupportedException">The conversion is not supported.</exception>
    public static Dual CreateChecked<TOther>(TOther value) where TOther : INumberBase<TOther> =>
        TryConvertFrom(value, Conversion.Checked, out Dual result) ? result : throw Unsupported(typeof(TOther));

    /// <summary>
    /// Converts any number to a constant dual, saturating (as <see cref="double.CreateSaturating{TOther}"/>).
    /// A <see cref="Dual"/> argument is returned unchanged (derivative kept).
    /// </summary>
    /// <typeparam name="TOther">The source type.</typeparam>
    /// <param name="value">The number.</param>
    /// <exception cref="NotSupportedException">The conversion is not supported.</exception>
    public static Dual CreateSaturating<TOther>(TOther value) where TOther : INumberBase<TOther> =>
        TryConvertFrom(value, Conversion.Saturating, out Dual result) ? result : throw Unsupported(typeof(TOther));

    /// <summary>
    /// Converts any number to a constant dual, truncating (as <see cref="double.CreateTruncating{TOther}"/>).
    /// A <see cref="Dual"/> argument is returned unchanged (derivative kept).
    /// </summary>
    /// <typeparam name="TOther">The source type.</typeparam>
    /// <param name="value">The number.</param>
    /// <exception cref="NotSupportedException">The conversion is not supported.</exception>
    public static Dual CreateTruncating<TOther>(TOther value) where TOther : INumberBase<TOther> =>
        TryConvertFrom(value, Conversion.Truncating, out Dual result) ? result : throw Unsupported(typeof(TOther));

    static bool INumberBase<Dual>.TryConvertFromChecked<TOther>(TOther value, out Dual result) =>
        TryConvertFrom(value, Conversion.Checked, out result);

    static bool INumberBase<Dual>.TryConvertFromSaturating<TOther>(TOther value, out Dual result) =>
        TryConvertFrom(value, Conversion.Saturating, out result);

    static bool INumberBase<Dual>.TryConvertFromTruncating<TOther>(TOther value, out Dual result) =>
        TryConvertFrom(value, Conversion.Truncating, out result);

    static bool INumberBase<Dual>.TryConvertToChecked<TOther>(Dual value, [MaybeNullWhen(false)] out TOther result) =>
        TryConvertTo(value, Conversion.Checked, out result);

    static bool INumberBase<Dual>.TryConvertToSaturating<TOther>(Dual value, [MaybeNullWhen(false)] out TOther result) =>
        TryConvertTo(value, Conversion.Saturating, out result);

    static bool INumberBase<Dual>.TryConvertToTruncating<TOther>(Dual value, [MaybeNullWhen(false)] out TOther result) =>
        TryConvertTo(value, Conversion.Truncating, out result);

    private enum Conversion
    {
        Checked,
        Saturating,
        Truncating,
    }

    private static NotSupportedException Unsupported(Type type) =>
        new($"Conversion between {type} and {typeof(Dual)} is not supported.");

    private static bool TryConvertFrom<TOther>(TOther value, Conversion kind, out Dual result)
        where TOther : INumberBase<TOther>
    {
        if (typeof(TOther) == typeof(Dual))
        {
            result = (Dual)(object)value;
            return true;
        }

        try
        {
            double d = kind switch
            {
                Conversion.Checked => double.CreateChecked(value),
                Conversion.Saturating => double.CreateSaturating(value),
                _ => double.CreateTruncating(value),
            };
            result = new Dual(d);
            return true;
        }
        catch (NotSupportedException)
        {
            result = default;
            return false;
        }
    }

    private static bool TryConvertTo<TOther>(Dual value, Conversion kind, [MaybeNullWhen(false)] out TOther result)
        where TOther : INumberBase<TOther>
    {
        if (typeof(TOther) == typeof(Dual))
        {
            result = (TOther)(object)value;
            return true;
        }

        try
        {
            result = kind switch
            {
                Conversion.Checked => TOther.CreateChecked(value.Value),
                Conversion.Saturating => TOther.CreateSaturating(value.Value),
                _ => TOther.CreateTruncating(value.Value),
            };
            return true;
        }
        catch (NotSupportedException)
        {
            result = default;
            return false;
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // IFloatingPoint byte-level members (describe Value)
    // ----------------------------------------------------------------------------------------------------

    private static int ExponentByteCount<T>(T v) where T : IFloatingPoint<T> => v.GetExponentByteCount();
    private static int ExponentShortestBitLength<T>(T v) where T : IFloatingPoint<T> => v.GetExponentShortestBitLength();
    private static int SignificandBitLength<T>(T v) where T : IFloatingPoint<T> => v.GetSignificandBitLength();
    private static int SignificandByteCount<T>(T v) where T : IFloatingPoint<T> => v.GetSignificandByteCount();

    private static bool WriteExponent<T>(T v, Span<byte> destination, out int written, bool bigEndian)
        where T : IFloatingPoint<T> =>
        bigEndian ? v.TryWriteExponentBigEndian(destination, out written) : v.TryWriteExponentLittleEndian(destination, out written);

    private static bool WriteSignificand<T>(T v, Span<byte> destination, out int written, bool bigEndian)
        where T : IFloatingPoint<T> =>
        bigEndian ? v.TryWriteSignificandBigEndian(destination, out written) : v.TryWriteSignificandLittleEndian(destination, out written);

    int IFloatingPoint<Dual>.GetExponentByteCount() => ExponentByteCount(Value);

    int IFloatingPoint<Dual>.GetExponentShortestBitLength() => ExponentShortestBitLength(Value);

    int IFloatingPoint<Dual>.GetSignificandBitLength() => SignificandBitLength(Value);

    int IFloatingPoint<Dual>.GetSignificandByteCount() => SignificandByteCount(Value);

    bool IFloatingPoint<Dual>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) =>
        WriteExponent(Value, destination, out bytesWritten, bigEndian: true);

    bool IFloatingPoint<Dual>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) =>
        WriteExponent(Value, destination, out bytesWritten, bigEndian: false);

    bool IFloatingPoint<Dual>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) =>
        WriteSignificand(Value, destination, out bytesWritten, bigEndian: true);

    bool IFloatingPoint<Dual>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) =>
        WriteSignificand(Value, destination, out bytesWritten, bigEndian: false);

    // ----------------------------------------------------------------------------------------------------
    // Formatting: "value + derivativeε"
    // ----------------------------------------------------------------------------------------------------

    /// <summary>Formats as <c>"1.5 + 0.25ε"</c> (or <c>"1.5 - 0.25ε"</c>) using the current culture.</summary>
    public override string ToString() => ToString(null, null);

    /// <summary>Formats as <c>"value + derivativeε"</c>, applying <paramref name="format"/> to both parts.</summary>
    /// <param name="format">A <see cref="double"/> format string, applied to each part.</param>
    public string ToString(string? format) => ToString(format, null);

    /// <summary>Formats as <c>"value + derivativeε"</c> using <paramref name="provider"/>.</summary>
    /// <param name="provider">Culture-specific formatting information.</param>
    public string ToString(IFormatProvider? provider) => ToString(null, provider);

    /// <summary>
    /// Formats as <c>"value + derivativeε"</c>, or <c>"value - |derivative|ε"</c> when the derivative is negative,
    /// applying <paramref name="format"/> and <paramref name="formatProvider"/> to both parts.
    /// </summary>
    /// <param name="format">A <see cref="double"/> format string, applied to each part.</param>
    /// <param name="formatProvider">Culture-specific formatting information.</param>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        (char sign, double magnitude) = SplitDerivative();
        return string.Concat(
            Value.ToString(format, formatProvider), " ", sign.ToString(), " ", magnitude.ToString(format, formatProvider), "ε");
    }

    private (char Sign, double Magnitude) SplitDerivative() =>
        double.IsNegative(Derivative) && !double.IsNaN(Derivative) ? ('-', -Derivative) : ('+', Derivative);

    /// <summary>Formats into a character span; see <see cref="ToString(string?, IFormatProvider?)"/>.</summary>
    /// <param name="destination">The destination span.</param>
    /// <param name="charsWritten">Number of characters written.</param>
    /// <param name="format">A <see cref="double"/> format string, applied to each part.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    /// <returns>False if <paramref name="destination"/> was too small.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        charsWritten = 0;
        (char sign, double magnitude) = SplitDerivative();
        if (!Value.TryFormat(destination, out int n, format, provider))
        {
            return false;
        }

        int pos = n;
        if (destination.Length - pos < 3)
        {
            return false;
        }

        destination[pos++] = ' ';
        destination[pos++] = sign;
        destination[pos++] = ' ';
        if (!magnitude.TryFormat(destination[pos..], out n, format, provider))
        {
            return false;
        }

        pos += n;
        if (destination.Length - pos < 1)
        {
            return false;
        }

        destination[pos++] = 'ε';
        charsWritten = pos;
        return true;
    }

    /// <summary>Formats as UTF-8; see <see cref="ToString(string?, IFormatProvider?)"/>.</summary>
    /// <param name="utf8Destination">The destination span.</param>
    /// <param name="bytesWritten">Number of bytes written.</param>
    /// <param name="format">A <see cref="double"/> format string, applied to each part.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    /// <returns>False if <paramref name="utf8Destination"/> was too small.</returns>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        bytesWritten = 0;
        (char sign, double magnitude) = SplitDerivative();
        if (!Value.TryFormat(utf8Destination, out int n, format, provider))
        {
            return false;
        }

        int pos = n;
        if (utf8Destination.Length - pos < 3)
        {
            return false;
        }

        utf8Destination[pos++] = (byte)' ';
        utf8Destination[pos++] = (byte)sign;
        utf8Destination[pos++] = (byte)' ';
        if (!magnitude.TryFormat(utf8Destination[pos..], out n, format, provider))
        {
            return false;
        }

        pos += n;
        if (utf8Destination.Length - pos < 2)
        {
            return false;
        }

        // 'ε' (U+03B5) in UTF-8.
        utf8Destination[pos++] = 0xCE;
        utf8Destination[pos++] = 0xB5;
        bytesWritten = pos;
        return true;
    }

    // ----------------------------------------------------------------------------------------------------
    // Parsing: a plain double, parsed as a constant (derivative 0)
    // ----------------------------------------------------------------------------------------------------

    /// <summary>Parses a plain <see cref="double"/> as a constant (derivative 0); the <c>"a + bε"</c> form is not accepted.</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    public static Dual Parse(string s, IFormatProvider? provider) => new(double.Parse(s, provider));

    /// <summary>Parses a plain <see cref="double"/> as a constant (derivative 0).</summary>
    /// <param name="s">The text.</param>
    /// <param name="style">Permitted number styles.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    public static Dual Parse(string s, NumberStyles style, IFormatProvider? provider) => new(double.Parse(s, style, provider));

    /// <summary>Parses a plain <see cref="double"/> as a constant (derivative 0).</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    public static Dual Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => new(double.Parse(s, provider));

    /// <summary>Parses a plain <see cref="double"/> as a constant (derivative 0).</summary>
    /// <param name="s">The text.</param>
    /// <param name="style">Permitted number styles.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    public static Dual Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => new(double.Parse(s, style, provider));

    /// <summary>Parses a plain UTF-8 <see cref="double"/> as a constant (derivative 0).</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    public static Dual Parse(ReadOnlySpan<byte> utf8Text, IFormatProvider? provider) => new(double.Parse(utf8Text, provider));

    /// <summary>Parses a plain UTF-8 <see cref="double"/> as a constant (derivative 0).</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <param name="style">Permitted number styles.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    public static Dual Parse(ReadOnlySpan<byte> utf8Text, NumberStyles style, IFormatProvider? provider) =>
        new(double.Parse(utf8Text, style, provider));

    /// <summary>Tries to parse a plain <see cref="double"/> as a constant (derivative 0).</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    /// <param name="result">The parsed constant, or 0.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Dual result)
    {
        bool ok = double.TryParse(s, provider, out double d);
        result = new Dual(d);
        return ok;
    }

    /// <summary>Tries to parse a plain <see cref="double"/> as a constant (derivative 0).</summary>
    /// <param name="s">The text.</param>
    /// <param name="style">Permitted number styles.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    /// <param name="result">The parsed constant, or 0.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, NumberStyles style, IFormatProvider? provider, out Dual result)
    {
        bool ok = double.TryParse(s, style, provider, out double d);
        result = new Dual(d);
        return ok;
    }

    /// <summary>Tries to parse a plain <see cref="double"/> as a constant (derivative 0).</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    /// <param name="result">The parsed constant, or 0.</param>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Dual result)
    {
        bool ok = double.TryParse(s, provider, out double d);
        result = new Dual(d);
        return ok;
    }

    /// <summary>Tries to parse a plain <see cref="double"/> as a constant (derivative 0).</summary>
    /// <param name="s">The text.</param>
    /// <param name="style">Permitted number styles.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    /// <param name="result">The parsed constant, or 0.</param>
    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out Dual result)
    {
        bool ok = double.TryParse(s, style, provider, out double d);
        result = new Dual(d);
        return ok;
    }

    /// <summary>Tries to parse a plain UTF-8 <see cref="double"/> as a constant (derivative 0).</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    /// <param name="result">The parsed constant, or 0.</param>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, IFormatProvider? provider, out Dual result)
    {
        bool ok = double.TryParse(utf8Text, provider, out double d);
        result = new Dual(d);
        return ok;
    }

    /// <summary>Tries to parse a plain UTF-8 <see cref="double"/> as a constant (derivative 0).</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <param name="style">Permitted number styles.</param>
    /// <param name="provider">Culture-specific formatting information.</param>
    /// <param name="result">The parsed constant, or 0.</param>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, NumberStyles style, IFormatProvider? provider, out Dual result)
    {
        bool ok = double.TryParse(utf8Text, style, provider, out double d);
        result = new Dual(d);
        return ok;
    }
}
