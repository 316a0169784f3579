using GradCheck.Samples;

namespace GradCheck.Cli.Demo;

/// <summary>
/// The cases <c>gradcheck demo</c> runs, declared exactly as a user would declare theirs: the classic two-layer network
/// (correct, and with a planted bug) and classic traps for gradient checkers.
/// </summary>
public static class DemoCases
{
    /// <summary>The two-layer network with a correct backprop: one group per parameter tensor.</summary>
    [GradientCheckCase(Description = "Two-layer tanh network, MSE over a batch of 5, hand-written backprop")]
    public static CheckCase TwoLayerNetwork() => Network("two-layer-network", plantBug: false);

    /// <summary>The same network with the tanh derivative forgotten for hidden unit 0: must be caught.</summary>
    [GradientCheckCase(Description = "The same backprop with a planted bug: tanh' forgotten for hidden unit 0", ExpectFailure = true)]
    public static CheckCase TwoLayerNetworkPlantedBug() => Network("two-layer-network-planted-bug", plantBug: true);

    /// <summary>ReLU at exactly 0: the analytic 0 lies between the one-sided derivatives 0 and 1, a valid subgradient.</summary>
    [GradientCheckCase(Description = "ReLU kink at 0 with the subgradient 0: reported as a kink, not a failure")]
    public static CheckCase ReluKink() => CheckCase.Function(
        "relu-kink",
        x => x.Sum(v => Math.Max(v, 0) + 0.5 * v * v),
        x => x.Select(v => (v > 0 ? 1 : 0) + v).ToArray(),
        [0.0, 0.5, -0.3]);

    /// <summary>|x| at 0 with the derivative 2 claimed: outside [−1, 1], so a real mismatch at a kink.</summary>
    [GradientCheckCase(Description = "|x| at 0 with an impossible derivative 2: caught even at a kink", ExpectFailure = true)]
    public static CheckCase AbsWrongSubgradient() => CheckCase.Function(
        "abs-wrong-subgradient",
        x => Math.Abs(x[0]) + x[1] * x[1],
        x => [x[0] == 0 ? 2 : Math.Sign(x[0]), 2 * x[1]],
        [0.0, 0.75]);

    /// <summary>A function with a 1e10 offset: a fixed absolute tolerance would raise false alarms or miss bugs.</summary>
    [GradientCheckCase(Description = "1e10 + Σ sin(xᵢ)·xᵢ: large f, ordinary derivatives, no false alarm")]
    public static CheckCase LargeOffset() => CheckCase.Function(
        "offset-1e10",
        x => 1e10 + x.Sum(v => Math.Sin(v) * v),
        x => x.Select(v => Math.Cos(v) * v + Math.Sin(v)).ToArray(),
        [0.3, -1.2, 2.5, 0.05]);

    /// <summary>log near its domain edge: steps must shrink so that x − h stays positive.</summary>
    [GradientCheckCase(Description = "Σ log(xᵢ) just above 0: the steps shrink to stay inside the domain")]
    public static CheckCase LogNearDomainEdge() => CheckCase.Function(
        "log-domain-edge",
        x => x.Sum(Math.Log),
        x => x.Select(v => 1 / v).ToArray(),
        [1e-3, 0.02, 1.5]);

    /// <summary>Rosenbrock in float32: tolerances follow float's precision.</summary>
    [GradientCheckCase(Description = "Rosenbrock in float32: tolerances that know float's precision")]
    public static CheckCase RosenbrockFloat() => CheckCase.Function(
        "rosenbrock-float",
        x => (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]),
        x => [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])],
        [-1.2f, 1.0f]);

    /// <summary>A softmax MLP in float32 checked as a model: one group per tensor (fc1, fc2).</summary>
    [GradientCheckCase(Description = "Softmax-cross-entropy MLP in float32, checked tensor by tensor with ModelCheck")]
    public static CheckCase SoftmaxMlpFloat() => CheckCase.Model("softmax-mlp-float", new SoftmaxMlp<float>());

    /// <summary>The MLP with fc1's weight gradient written in the transposed layout: the diagnosis names it.</summary>
    [GradientCheckCase(Description = "The MLP with fc1.weight's gradient in the transposed layout: diagnosed per tensor", ExpectFailure = true)]
    public static CheckCase SoftmaxMlpTransposed() =>
        CheckCase.Model("softmax-mlp-transposed-bug", new SoftmaxMlp<double>(bug: PlantedBug.TransposedWeightGradient));

    /// <summary>A convolutional classifier whose backward pass forgets the 1/batch factor.</summary>
    [GradientCheckCase(Description = "Convolution classifier with 1/batch forgotten in the backward pass", ExpectFailure = true)]
    public static CheckCase ConvForgottenBatchMean() =>
        CheckCase.Model("conv-forgotten-batch-mean", new ConvClassifier<double>(bug: PlantedBug.ForgottenBatchMean));

    private static CheckCase Network(string name, bool plantBug)
    {
        const int inputs = 3, hidden = 4, outputs = 2;
        var network = new TwoLayerNetwork(inputs, hidden, outputs, batch: 5, seed: 7) { PlantBug = plantBug };
        TensorSlice[] tensors =
        [
            new("W1", 0, [hidden, inputs]),
            new("b1", hidden * inputs, [hidden]),
            new("W2", hidden * inputs + hidden, [outputs, hidden]),
            new("b2", hidden * inputs + hidden + outputs * hidden, [outputs]),
        ];
        return PerTensorCase.Create(name, network.Loss, network.Gradient, network.InitialParameters(seed: 11), tensors, network.ParameterName);
    }
}
