using GradCheck.Tests.RealNetworks.Corpus;

namespace GradCheck.Tests.RealNetworks;

/// <summary>
/// Realistic bugs in a hand-written strided conv backward pass (<see cref="StridedCnn"/>: stride and padding index errors,
/// assign instead of accumulate, a stale mask, a dropped chain-rule factor, a 2 % scaling) are failed in double and
/// float32, full and fast mode and by the model check, and every failure lies in a tensor the mutation made wrong; the
/// correct pass is never failed. The reference is the same backward pass in double, checked exactly on dual numbers by
/// <see cref="RealNetworkTests"/>.
/// </summary>
public sealed class ConvMutationTests
{
    private const int Seeds = 10;

    public static TheoryData<StridedCnnMutation> Mutations => new(Enum.GetValues<StridedCnnMutation>().Where(m => m != StridedCnnMutation.None));

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Conv_backward_mutations_are_failed_and_located(StridedCnnMutation mutation)
    {
        var tensors = NetworkCorpus.Tensors("cnn-strided-clamp");
        var affected = StridedCnn.Affected(mutation);
        for (int seed = 1; seed <= Seeds; seed++)
        {
            var net = new StridedCnn(seed) { Mutation = mutation };
            var w = net.Init(seed);
            var wf = w.Select(v => (float)v).ToArray();
            var fast = new GradientCheckOptions { Mode = CheckMode.Fast, Seed = seed };

            var full = GradientCheck.Run(net.Loss<double>, net.Grad<double>, w);
            var fullFloat = GradientCheck.Run(net.Loss<float>, net.Grad<float>, wf);
            AssertLocated(full, $"{mutation}, seed {seed}, double");
            AssertLocated(fullFloat, $"{mutation}, seed {seed}, float");
            Assert.True(GradientCheck.Run(net.Loss<double>, net.Grad<double>, w, fast).Outcome == CheckOutcome.Failed, $"{mutation}, seed {seed}, fast double");
            Assert.True(GradientCheck.Run(net.Loss<float>, net.Grad<float>, wf, fast).Outcome == CheckOutcome.Failed, $"{mutation}, seed {seed}, fast float");

            var model = ModelCheck.Run(new NetModel<double>(net, (double[])w.Clone(), tensors));
            Assert.True(model.Outcome == CheckOutcome.Failed, $"{mutation}, seed {seed}, model: {model}");
            Assert.All(model.Parameters.Where(p => p.Outcome == CheckOutcome.Failed), p => Assert.Contains(p.Name, affected));
        }

        void AssertLocated(GradientReport report, string label)
        {
            Assert.True(report.Outcome == CheckOutcome.Failed, $"{label}: {report}");
            Assert.All(report.Failures, f => Assert.Contains(NetworkCorpus.TensorOf(tensors, f.Index), affected));
        }
    }

    [Fact]
    public void The_correct_strided_conv_is_never_failed()
    {
        var tensors = NetworkCorpus.Tensors("cnn-strided-clamp");
        for (int seed = 1; seed <= 2 * Seeds; seed++)
        {
            var net = new StridedCnn(seed);
            var w = net.Init(seed);
            var wf = w.Select(v => (float)v).ToArray();
            var fast = new GradientCheckOptions { Mode = CheckMode.Fast, Seed = seed };
            var reports = new (string Label, CheckOutcome Outcome, string Text)[]
            {
                Describe("double", GradientCheck.Run(net.Loss<double>, net.Grad<double>, w)),
                Describe("float", GradientCheck.Run(net.Loss<float>, net.Grad<float>, wf)),
                Describe("fast double", GradientCheck.Run(net.Loss<double>, net.Grad<double>, w, fast)),
                Describe("fast float", GradientCheck.Run(net.Loss<float>, net.Grad<float>, wf, fast)),
                Describe("model float", ModelCheck.Run(new NetModel<float>(net, (float[])wf.Clone(), tensors))),
            };
            Assert.All(reports, r => Assert.True(r.Outcome != CheckOutcome.Failed, $"seed {seed}, {r.Label}: {r.Text}"));
            // Double resolves every entry: the clamp's switch points are far apart at double's small steps.
            Assert.Equal(CheckOutcome.Passed, reports[0].Outcome);
        }

        static (string, CheckOutcome, string) Describe(string label, ICheckReport report) => (label, report.Outcome, report.ToString()!);
    }
}
