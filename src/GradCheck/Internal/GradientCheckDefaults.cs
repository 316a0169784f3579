namespace GradCheck;

/// <summary>
/// Every default of the check in one place, so the numbers that decide verdicts can be read, reviewed and
/// changed together. Each value says why it is what it is.
/// </summary>
internal static class GradientCheckDefaults
{
    /// <summary>
    /// First step of the adaptive scheme, relative to max(|x|, 1). Large on purpose: Richardson extrapolation
    /// removes the truncation error of big steps, while rounding error (ε·|f|/h) is smallest at big steps,
    /// which is what keeps functions with a large offset quiet. The step shrinks by itself for kinks,
    /// domain edges and rapidly varying functions.
    /// </summary>
    public const double InitialStep = 0.125;

    /// <summary>
    /// First step in float32 and coarser types when the gradient's scale is unknown (all zero). The noise-based rule
    /// (<see cref="SinglePrecisionStepNoiseRatio"/>) applies otherwise.
    /// </summary>
    public const double InitialStepSinglePrecision = 0.0625;

    /// <summary>
    /// Float32 first step = this × noise / gradient scale: rounding at the first step is 0.025 % of the gradient, so that
    /// after the tableau's halvings and the extrapolation's amplification it stays well under 1 %. The old fixed 0.5 left tanh
    /// RNNs (12 steps, hidden 16) with truncation the tableau could not see at steps 0.0625–0.25 (2 of 6 seeds false
    /// alarms in our toy); a fixed 0.0625 fixed them but made a float32 log-sum-exp at f = 1000 inconclusive (rounding
    /// 12 % of the gradient); 128 left 3-class softmax losses over 5,000 samples inconclusive in 1 of 10 seeds; 1024
    /// clamped a float32 softmax loss (batch 8, gradient scale 0.19) to the smallest first step, and its tolerances
    /// (0.3 % of the scale) let a 5 % bug in an entry at 6 % of the scale pass; 4096 halves them and catches it.
    /// </summary>
    public const double SinglePrecisionStepNoiseRatio = 4096.0;

    /// <summary>Smallest first step of the float32 rule: below it the tableau's halving rows would start in rounding.</summary>
    public const double SmallestFirstStep = 1.0 / 64;

    /// <summary>Largest first step of the float32 rule (the old fixed default).</summary>
    public const double LargestFirstStep = 0.5;

    /// <summary>Each row of the extrapolation tableau halves the step (Ceres uses 2, Numerical Recipes 1.4).</summary>
    public const double StepShrink = 2.0;

    /// <summary>When f is not finite on one side, shrink the step this much at a time (a cheap search for the domain edge).</summary>
    public const double NonFiniteShrink = 8.0;

    /// <summary>Rows of the tableau before convergence may be declared: two rows agree by chance too easily.</summary>
    public const int MinRows = 3;

    /// <summary>
    /// Rows at most (2 evaluations each): with the confirming pair below the tableau a smooth function costs at most 16
    /// evaluations per coordinate (8 rows made entries of a float32 softmax loss cost 18).
    /// </summary>
    public const int MaxRows = 7;

    /// <summary>Rows at most when the tableau has not converged (steep or nearly non-smooth functions).</summary>
    public const int MaxRowsUnconverged = 20;

    /// <summary>Numerical Recipes' SAFE: stop when the extrapolation's error grows this much over the best one.</summary>
    public const double DivergenceFactor = 2.0;

    /// <summary>
    /// Multiplier on a numeric estimate's error estimate in the verdict. Extrapolation error estimates are
    /// heuristics that are sometimes optimistic by a few times; 10 covers that with room, and in double it
    /// still leaves tolerances near 1e-10 relative, far below the 1e-4 errors the check must catch.
    /// </summary>
    public const double ErrorEstimateSafety = 10.0;

    /// <summary>
    /// Multiplier on the rounding bound in the verdict. The bound (measured noise, at least 8 ulps of f) is a bound
    /// for random directions; along one coordinate a float32 tanh network's rounding was seen at 1.3 times it (a
    /// false alarm in the benchmarks' corpus). With 2: no false alarm in 144 float32 problems, every 5 % bug in small
    /// float32 problems caught (386 of 386), 111 of 118 in entries of batch-500 losses; double is unaffected (its
    /// bugs sit orders of magnitude above rounding).
    /// </summary>
    public const double RoundingSafety = 2.0;

    /// <summary>
    /// Rounding error of one function value, in units of the element type's epsilon times |f|.
    /// A loss is a long sum: its rounding error is many ulps, not one.
    /// </summary>
    public const double FunctionRoundingUlps = 8.0;

    /// <summary>Rounding error allowed in the analytic gradient, in units of epsilon times its magnitude.</summary>
    public const double AnalyticRoundingUlps = 16.0;

    /// <summary>
    /// Rounding error allowed in an analytic entry relative to the largest gradient entry: backprop sums
    /// terms of the size of the largest entries, so a tiny entry carries their absolute rounding.
    /// </summary>
    public const double GradientScaleRoundingUlps = 4.0;

    /// <summary>
    /// An entry whose tolerance exceeds this fraction of the gradient's scale (the largest analytic entry, or the
    /// entry's own values when larger) is Inconclusive, not Ok: a bug of that relative size, such as a 5 % error
    /// in a dominant entry, would have agreed as well.
    /// </summary>
    public const double ResolutionFraction = 0.05;

    /// <summary>
    /// A tensor whose largest analytic entry is below this many ulps of the model's largest is zero at floating-point
    /// precision: a conv layer's bias followed by batch norm has an exact gradient of 0 and a computed one of 1e-7 of the
    /// model's largest entry in float32 (1e-17 in double), so judged at its own scale it was Inconclusive in every float32
    /// and double check. Its entries are resolved at the model's scale instead (see <see cref="Verdicts.ErrorBudget"/>).
    /// 64 ulps: above the cancellation of a few hundred summed terms, below any tensor whose gradient float32 can resolve.
    /// </summary>
    public const double ZeroGradientUlps = 64.0;

    /// <summary>A kink is declared only when the one-sided derivatives differ by this many times their error.</summary>
    public const double KinkSafety = 10.0;

    /// <summary>Evaluations of f at the unperturbed point before checking (the determinism check).</summary>
    public const int DeterminismEvaluations = 2;

    /// <summary>
    /// Evaluations a check makes at the least (topped up with repeats at the point). A random failure on a fraction p
    /// of calls escapes n calls with probability (1 − p)ⁿ: 342 calls catch p = 2 % with probability 1 − 10⁻³. Smaller
    /// checks pay the difference; a full check of 35 or more coordinates makes that many anyway.
    /// </summary>
    public const int DeterminismEvaluationFloor = 342;

    /// <summary>
    /// Measured noise above this many ulps of |f| is re-measured at the same points before it is believed: a random
    /// value among the probe's evaluations would otherwise inflate every tolerance (dropout: noise ~|f|). Float32
    /// losses over 20,000 samples measure a few hundred ulps, so only they and real randomness pay the 8 repeats.
    /// </summary>
    public const double SuspiciousNoiseUlps = 64.0;

    /// <summary>
    /// Measured noise above this many ulps of |f| is looked at again at a 4× smaller step, where curvature shrinks 16×
    /// and rounding does not. Smooth double functions measure 1–3 ulps and pay nothing; a float32 log-sum-exp at
    /// x ≈ 1000 measured 240 ulps of curvature as noise (every entry inconclusive at ±0.09 on a gradient of 0.7).
    /// </summary>
    public const double CloserNoiseLookUlps = 8.0;

    /// <summary>
    /// How much smaller the largest step of a failing entry's plateau search is than the smallest step of its first estimate
    /// (see <see cref="Internal.MismatchRecheck"/>): the first step the first estimate did not use, since the search keeps
    /// the largest steps that cross no switch point (float32 ReLU MLPs and conv layers: first estimates at 0.016–0.06,
    /// nearest switch points at 0.001–0.01).
    /// </summary>
    public const double PlateauStepRatio = 2.0;

    /// <summary>
    /// How much smaller the first step of a failing entry's second estimate is than the step of its first (see
    /// <see cref="Internal.MismatchRecheck"/>): far enough below to leave the switch points the first steps crossed (float32 ReLU
    /// MLPs and conv layers: the first estimates sat at 0.016–0.06, their nearest switch points at 0.001–0.01), while the
    /// line's own noise keeps the smaller steps resolved.
    /// </summary>
    public const double RecheckStepRatio = 8.0;

    /// <summary>
    /// Second estimates a failing entry may get before its estimates must have agreed (see
    /// <see cref="Internal.MismatchRecheck"/>): with steps 8× smaller each time, 3 reach 512× below the first step
    /// (0.06 → 1e-4), past the switch points of the corpus's float32 networks and still above their rounding.
    /// </summary>
    public const int MaxRechecks = 3;

    /// <summary>
    /// An entry passes on the cheap three-evaluation estimate (<see cref="Internal.EarlyDecision"/>) only when its
    /// tolerance is within this fraction of the entry: 100× below the smallest error the benchmarks plant in double
    /// (0.01 %), so an entry the full estimate would fail cannot pass early. Double precision only: in float32 rounding
    /// alone exceeds it at every step that keeps truncation small.
    /// </summary>
    public const double EarlyPassPrecision = 1e-6;

    /// <summary>
    /// The analytic and the cheap estimate must agree within this fraction of the tolerance for an early pass: decisively
    /// inside, not near the boundary, where the full estimate could land on the other side.
    /// </summary>
    public const double EarlyPassMargin = 0.5;

    /// <summary>
    /// The cheap estimate's step is the geometric mean of the smallest whose rounding takes 1/4 of the tolerance an early
    /// pass allows and the largest whose truncation takes 1/4 (for f varying on the scale 1, or as the first attempt
    /// measured): about 1e-5 for |f| ≈ |f'| in double (rounding then takes 1/1500 of the allowance, and truncation fits for
    /// f varying on scales down to 1/70), 1e-4 for a logistic loss whose |f| is 100 × its entries. A fixed share of 1/1024
    /// for rounding alone (steps of 7e-4 there) left 2 of 5 logistic entries to the full tableau; 1/16 (steps of 1e-7) left
    /// values off by 1.5e-9 and missed exceptions a function throws only beyond 1e-6 of the point.
    /// </summary>
    public const double EarlyShare = 4.0;

    /// <summary>
    /// Cheap estimates an entry may get before the full one: a second at the step the first one's measured truncation asks
    /// for (f more curved than the scale 1 assumed), then the full tableau.
    /// </summary>
    public const int EarlyAttempts = 2;

    /// <summary>The cheap estimate's largest step, relative to the full tableau's first: well inside the tableau's range.</summary>
    public const double EarlyLargestStepRatio = 8.0;

    /// <summary>The cheap estimate's smallest step in ulps of max(|x|, 1): the realised steps keep 12 bits.</summary>
    public const double EarlySmallestStepUlps = 4096.0;

    /// <summary>Seed used for sampling and random directions when the options give none, so runs are reproducible.</summary>
    public const int Seed = 20_261_127;

    /// <summary>
    /// A failure message warns that a numerical cause is possible when every failure misses by less than this many
    /// tolerances and the same check saw switch points or unresolvable entries near the point (kinks, inconclusive
    /// entries). On the float32 ReLU MLPs of the corpus (all 517 entries, 10 seeds) the correct entries still failed, at
    /// switch points closer than any step float32 resolves, missed by 4.0–6.9×; a 5 % error on the largest entry misses
    /// by more than 10×. The verdict is unchanged: the message only says what to try before hunting a bug.
    /// </summary>
    public const double SmallFailureMargin = 10.0;

    /// <summary>Entries listed in a failure message before the rest are counted.</summary>
    public const int FailuresInMessage = 10;

    /// <summary>Rows of the table printed by <see cref="GradientReport.ToString()"/>.</summary>
    public const int RowsInTable = 20;
}
