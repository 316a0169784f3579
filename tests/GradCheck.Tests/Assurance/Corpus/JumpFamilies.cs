namespace GradCheck.Tests.Assurance;

/// <summary>
/// f jumps at the point, or within 1e-9 of it, in one seeded coordinate j: there is no derivative in j, so the check
/// must fail, and fail j alone (the other entries are smooth and correct).
/// </summary>
public static class JumpFamilies
{
    public const string Group = "jumps";

    public static IEnumerable<IAssuranceCase> For(int seed, int n)
    {
        var random = RandomStream.For("jump offset", seed);
        foreach (var loss in SmoothLosses.All(seed, n))
        {
            int j = seed % loss.Dimension;
            double xj = loss.Point[j];
            yield return Discontinuity.Step(1, at: xj).AddTo(loss, j, loss.Point, Group, "step of 1 at the point", seed, Expectation.FailsAtEntry);
            yield return Discontinuity.Step(1e-6, at: xj).AddTo(loss, j, loss.Point, Group, "step of 1e-6 at the point", seed, Expectation.FailsAtEntry);

            // x_j moved onto the nearest multiple of 1/4 (exact in binary), where ⌊4x⌋ jumps.
            var onJump = Vectors.With(loss.Point, j, Math.Round(4 * xj) / 4);
            yield return Discontinuity.Floor4().AddTo(loss, j, onJump, Group, "floor(4x) at a jump", seed, Expectation.FailsAtEntry);

            // Below any step a check takes, on either side, at a seeded distance.
            double offset = (random.Next(2) * 2 - 1) * (0.1 + 0.9 * random.NextDouble()) * 1e-9;
            yield return Discontinuity.Step(1, at: xj + offset).AddTo(loss, j, loss.Point, Group, "step of 1 within 1e-9", seed, Expectation.FailsAtEntry);
        }
    }
}
