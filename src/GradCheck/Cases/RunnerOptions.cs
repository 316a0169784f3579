namespace GradCheck;

/// <summary>
/// What a runner's <see cref="GradientCheckOptions"/> mean for checks with options of their own (Taylor, descent,
/// Hessian): its seed and its acceptance of inconclusive results. Its other settings (mode, scheme, progress) are
/// those of gradient checks and have no counterpart there.
/// </summary>
internal static class RunnerOptions
{
    /// <summary>The case's Taylor options with the runner's seed (when it gives one) and acceptance.</summary>
    public static TaylorTestOptions ForTaylor(TaylorTestOptions? own, GradientCheckOptions runner)
    {
        own ??= TaylorTestOptions.Default;
        return own with { Seed = SeedOf(own.Seed, runner), AcceptInconclusive = own.AcceptInconclusive || runner.AcceptInconclusive };
    }

    /// <summary>The case's descent options with the runner's acceptance (the check draws nothing at random).</summary>
    public static DescentCheckOptions ForDescent(DescentCheckOptions? own, GradientCheckOptions runner)
    {
        own ??= DescentCheckOptions.Default;
        return own with { AcceptInconclusive = own.AcceptInconclusive || runner.AcceptInconclusive };
    }

    /// <summary>The case's Hessian options with the runner's seed (when it gives one) and acceptance.</summary>
    public static HessianCheckOptions ForHessian(HessianCheckOptions? own, GradientCheckOptions runner)
    {
        own ??= HessianCheckOptions.Default;
        return own with { Seed = SeedOf(own.Seed, runner), AcceptInconclusive = own.AcceptInconclusive || runner.AcceptInconclusive };
    }

    /// <summary>
    /// The runner's seed wins when it gives one: it is the later, explicit choice (<c>gradcheck --seed 42</c>), and the
    /// reproduce line the runner prints records it. Without one the case's own seed stands.
    /// </summary>
    private static int? SeedOf(int? own, GradientCheckOptions runner) => runner.Seed ?? own;
}
