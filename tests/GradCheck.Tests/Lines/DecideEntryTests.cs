using GradCheck.Lines;

namespace GradCheck.Tests.Lines;

/// <summary>
/// <see cref="LineCheck.DecideEntry"/>: the core's early decisions for adapters. A decisively correct entry passes on the
/// cheap estimate's three evaluations; everything else gets the full estimate, with the core's safeguards.
/// </summary>
public class DecideEntryTests
{
    private const double Double = 1.0 / (1L << 52);
    private const double Single = 1.0 / (1 << 23);

    /// <summary>f along one coordinate; repeatable (it logs its evaluations and repeats them on request), optionally random.</summary>
    private sealed class Line(Func<double, double> f, double x, bool float32 = false) : IRepeatableLineFunction
    {
        private readonly List<double> _offsets = [];

        public int Evaluations { get; private set; }

        public int Repeats { get; private set; }

        public double X => x;

        public double F0 => f(x);

        public double Epsilon => float32 ? Single : Double;

        public double Evaluate(double offset, out double actualOffset)
        {
            _offsets.Add(offset);
            return At(offset, out actualOffset);
        }

        public void VerifyRepeatable(double tolerance)
        {
            foreach (double offset in _offsets.ToArray())
            {
                Repeats++;
                double first = f(X + offset), again = At(offset, out _);
                if (Math.Abs(first - again) > tolerance) throw new NonDeterministicFunctionException($"{first} then {again} at offset {offset}");
            }
        }

        private double At(double offset, out double actualOffset)
        {
            Evaluations++;
            double moved = float32 ? (float)(x + offset) : x + offset;
            actualOffset = moved - x;
            return f(moved);
        }
    }

    private static readonly Func<double, double> Cube = t => t * t * t;

    [Fact]
    public void A_correct_smooth_entry_passes_on_three_evaluations_to_a_millionth()
    {
        var lines = new LineCheck(new GradientCheckOptions());
        var line = new Line(Math.Exp, 0.7);
        double exact = Math.Exp(0.7);
        var entry = lines.DecideEntry(line, lines.Budget(Double, [exact]), 2, "w[2]", exact);

        Assert.Equal(EntryVerdict.Ok, entry.Verdict);
        Assert.Equal(3, entry.Evaluations);
        Assert.Equal(3, line.Evaluations);
        Assert.Equal(0, line.Repeats); // nothing looked wrong, nothing was repeated
        Assert.True(Math.Abs(entry.Numeric - exact) <= 1e-6 * exact, $"numeric {entry.Numeric:R}, exact {exact:R}");
        Assert.True(entry.Tolerance <= 1e-6 * exact, $"an early pass holds the entry to a millionth, not to {entry.Tolerance:G3}");
        Assert.Equal("w[2]", entry.Name);
        Assert.Equal(2, entry.Index);
    }

    [Fact]
    public void A_wrong_entry_is_not_decided_early_and_fails_as_the_full_check_fails_it()
    {
        var lines = new LineCheck(new GradientCheckOptions());
        var decided = new Line(Cube, 2);
        var entry = lines.DecideEntry(decided, lines.Budget(Double, [12.0 * 1.01]), 0, "x", 12.0 * 1.01);
        var full = lines.CheckEntry(new Line(Cube, 2), lines.Budget(Double, [12.0 * 1.01]), 0, "x", 12.0 * 1.01);

        Assert.Equal(EntryVerdict.Mismatch, entry.Verdict);
        Assert.Equal(12, entry.Numeric, 1e-6);
        Assert.Equal(full.Verdict, entry.Verdict);
        Assert.True(entry.Evaluations > full.Evaluations, "the cheap attempt's evaluations are counted on top of the full estimate's");
        Assert.True(decided.Repeats > 0, "a failing entry's evaluations are repeated to refuse randomness, as in the core");
    }

    [Fact]
    public void A_random_function_is_refused_when_its_entry_does_not_pass()
    {
        var random = new Random(4);
        var lines = new LineCheck(new GradientCheckOptions());
        var line = new Line(t => (t * t * t) + (1e-4 * random.NextDouble()), 2);
        Assert.Throws<NonDeterministicFunctionException>(() => lines.DecideEntry(line, lines.Budget(Double, [12.0]), 0, "x", 12));
    }

    [Fact]
    public void A_kink_gets_the_full_treatment()
    {
        var lines = new LineCheck(new GradientCheckOptions());
        var entry = lines.DecideEntry(new Line(Math.Abs, 0), lines.Budget(Double, [0.5]), 0, "x", 0.5);
        Assert.Equal(EntryVerdict.NonDifferentiable, entry.Verdict);
        Assert.True(entry.Evaluations > 3);
    }

    [Fact]
    public void Float32_a_fixed_scheme_and_a_fixed_tolerance_are_checked_as_CheckEntry_checks_them()
    {
        var options = new[]
        {
            new GradientCheckOptions(),
            new GradientCheckOptions { Scheme = GradCheck.FiniteDifferences.FiniteDifferenceScheme.Central(), Step = 1e-6 },
            new GradientCheckOptions { Tolerance = FixedTolerance.AllClose(1e-5, 1e-3) },
        };
        foreach (var (option, float32) in new[] { (options[0], true), (options[1], false), (options[2], false) })
        {
            var lines = new LineCheck(option);
            double epsilon = float32 ? Single : Double;
            var decided = lines.DecideEntry(new Line(Math.Sin, 0.5, float32), lines.Budget(epsilon, [Math.Cos(0.5)]), 0, "x", Math.Cos(0.5));
            var full = lines.CheckEntry(new Line(Math.Sin, 0.5, float32), lines.Budget(epsilon, [Math.Cos(0.5)]), 0, "x", Math.Cos(0.5));
            Assert.Equal(full.Verdict, decided.Verdict);
            Assert.Equal(full.Numeric, decided.Numeric);
            Assert.Equal(full.Evaluations, decided.Evaluations);
        }
    }

    [Fact]
    public void An_entry_decides_as_it_does_in_the_cores_own_check()
    {
        // f(w) = Σ exp(wᵢ/3)·wᵢ: the core's full check and the line check agree on every entry's verdict and early passes.
        double[] w = [0.3, -1.2, 2.5, 0.8];
        double F(double[] v) => v.Sum(t => Math.Exp(t / 3) * t);
        double[] Gradient(double[] v) => v.Select(t => Math.Exp(t / 3) * (1 + (t / 3))).ToArray();
        var core = GradientCheck.Run(F, Gradient, w);

        var lines = new LineCheck(new GradientCheckOptions());
        var gradient = Gradient(w);
        var budget = lines.Budget(Double, gradient);
        for (int i = 0; i < w.Length; i++)
        {
            int k = i;
            var entry = lines.DecideEntry(new Line(t => F(w.Select((v, j) => j == k ? t : v).ToArray()), w[i]), budget, i, $"x[{i}]", gradient[i]);
            var expected = core.Entries[i];
            Assert.Equal(expected.Verdict, entry.Verdict);
            Assert.Equal(expected.Evaluations == 3, entry.Evaluations == 3);
            Assert.True(Math.Abs(entry.Numeric - gradient[i]) <= 1e-6 * Math.Abs(gradient[i]));
        }
    }

    [Fact]
    public void One_line_check_serves_several_threads_with_the_sequential_results()
    {
        // Float32 lines take the full tableau, whose buffers a shared estimator would mix up between threads.
        var lines = new LineCheck(new GradientCheckOptions());
        double[] points = Enumerable.Range(0, 64).Select(i => -2 + (i / 16.0)).ToArray();
        var budget = lines.Budget(Single, points.Select(Math.Cos).ToArray());
        EntryResult Check(int i) => lines.DecideEntry(new Line(Math.Sin, points[i], float32: true), budget, i, $"x[{i}]", Math.Cos(points[i]));
        var sequential = Enumerable.Range(0, points.Length).Select(Check).ToArray();
        var parallel = new EntryResult[points.Length];
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Check(i));
        for (int i = 0; i < points.Length; i++)
        {
            Assert.Equal(sequential[i].Numeric, parallel[i].Numeric);
            Assert.Equal(sequential[i].Verdict, parallel[i].Verdict);
            Assert.Equal(sequential[i].Evaluations, parallel[i].Evaluations);
        }
    }
}
