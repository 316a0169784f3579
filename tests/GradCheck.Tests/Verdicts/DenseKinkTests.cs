namespace GradCheck.Tests.Verdicts;

/// <summary>
/// Dense switch points near the point: a shared weight w feeding P ReLU positions, L(w, v) = Σₚ cₚ·relu(w·aₚ + v·bₚ),
/// checked in float32 at a point where the first steps cross dozens of switch points (P = 1,150; the toy of
/// the dense-kinks analysis: one crossing costs about 1/√P of the gradient). The exact derivatives are computed in
/// double at the float32 point. A correct gradient must never be failed; a 5 % error must be.
/// </summary>
public class DenseKinkTests
{
    private const int Positions = 1150;

    private sealed class Toy
    {
        private readonly double[] _a = new double[Positions], _b = new double[Positions], _c = new double[Positions];

        public Toy(int seed)
        {
            var random = new Random(seed);
            double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            for (int p = 0; p < Positions; p++) (_a[p], _b[p], _c[p]) = (Normal(), Normal(), Normal() / Math.Sqrt(Positions));
        }

        public float Loss(float[] x)
        {
            float sum = 0;
            for (int p = 0; p < Positions; p++) sum += (float)_c[p] * MathF.Max(0, x[0] * (float)_a[p] + x[1] * (float)_b[p]);
            return sum;
        }

        /// <summary>The exact gradient at the float32 point (no pre-activation sits exactly at its switch point there).</summary>
        public double[] Exact(float[] x)
        {
            var g = new double[2];
            for (int p = 0; p < Positions; p++)
            {
                if ((double)x[0] * _a[p] + (double)x[1] * _b[p] <= 0) continue;
                g[0] += _c[p] * _a[p];
                g[1] += _c[p] * _b[p];
            }
            return g;
        }
    }

    /// <summary>
    /// Over 20 seeds: the correct gradient is never failed (without rechecking failing entries at smaller steps, seeds 11
    /// and 19 were); 5 % on the larger entry is never passed, and is failed at that entry whenever the correct gradient
    /// was resolved, unless the honest estimates cannot tell 5 % apart. That happens here: with 1,150 switch points along
    /// each weight a first estimate whose steps crossed some was seen 3× its tolerance off a correct gradient (seed 19:
    /// 0.82338 ± 0.00295 for a true 0.83219), so a failure needs an estimate from steps that crossed none to miss as well,
    /// and on 6 of the 18 resolved seeds those carry ±0.013 … ±0.115 against planted errors of 0.009 … 0.05 (an
    /// extrapolation from smaller steps confirmed 4 of them, but the same rule failed 10 correct entries of float32 ReLU
    /// MLPs). Those are Inconclusive, with the planted value inside the tolerance; at least half are failed.
    /// </summary>
    [Fact]
    public void A_correct_gradient_is_never_failed_and_five_percent_on_the_larger_entry_is_never_passed()
    {
        int resolved = 0, failed = 0;
        for (int seed = 1; seed <= 20; seed++)
        {
            var toy = new Toy(seed);
            float[] point = [0.3f, 1.0f];
            var exact = toy.Exact(point);
            var correct = GradientCheck.Run(toy.Loss, _ => exact.Select(v => (float)v).ToArray(), point);
            Assert.True(correct.Outcome != CheckOutcome.Failed, $"seed {seed}: {correct}");

            int larger = Math.Abs(exact[0]) >= Math.Abs(exact[1]) ? 0 : 1;
            var planted = exact.Select((v, i) => (float)(i == larger ? 1.05 * v : v)).ToArray();
            var wrong = GradientCheck.Run(toy.Loss, _ => planted, point);
            Assert.True(wrong.Outcome != CheckOutcome.Passed, $"seed {seed}: {wrong}");
            if (correct.Outcome != CheckOutcome.Passed) continue;
            resolved++;
            if (wrong.Outcome == CheckOutcome.Failed)
            {
                failed++;
                Assert.Equal([larger], wrong.Failures.Select(f => f.Index));
                continue;
            }
            var entry = wrong.Entries.Single(e => e.Index == larger);
            Assert.Equal(EntryVerdict.Inconclusive, entry.Verdict);
            Assert.True(Math.Abs(entry.Analytic - entry.Numeric) <= entry.Tolerance, $"seed {seed}: {wrong}");
        }
        Assert.InRange(resolved, 15, 20);
        Assert.InRange(failed, resolved / 2, resolved);
    }
}
