namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>
/// The networks of the corpus by name, at the sizes where GradCheck used to raise false alarms (conv1d with 4 channels,
/// kernel 5, batch 32 × length 40: 1,152 ReLU positions per channel, mean-pooled, or max-pooled in windows of 4 so that
/// argmax changes add switch points; a tanh RNN of 12 steps, hidden 16, input 6, batch 8; MLPs of 64 samples × 10
/// inputs → 32 hidden → 5 classes), and the check modes they are run in.
/// </summary>
public static class NetworkCorpus
{
    public static readonly string[] Names = ["mlp-relu", "mlp-leaky", "mlp-tanh", "conv-relu", "conv-maxpool", "rnn-tanh", "layernorm-tanh", "logreg", "mlp-wide-tanh", "attention", "cnn-batchnorm", "cnn-strided-clamp", "gru", "mlp-deep-silu"];

    public static bool IsSmooth(string name) => name.EndsWith("tanh", StringComparison.Ordinal) || name is "logreg" or "attention" or "gru" or "mlp-deep-silu";

    public static INet Create(string name, int seed, bool missingActivationDerivative = false) => name switch
    {
        "mlp-relu" => new Mlp(64, 10, 32, 5, "relu", seed) { MissingActivationDerivative = missingActivationDerivative },
        "mlp-leaky" => new Mlp(64, 10, 32, 5, "leaky", seed) { MissingActivationDerivative = missingActivationDerivative },
        "mlp-tanh" => new Mlp(64, 10, 32, 5, "tanh", seed) { MissingActivationDerivative = missingActivationDerivative },
        "conv-relu" => new Conv(32, 40, 4, 5, "relu", seed) { MissingActivationDerivative = missingActivationDerivative },
        "conv-maxpool" => new Conv(32, 40, 4, 5, "relu", seed, pool: "max") { MissingActivationDerivative = missingActivationDerivative },
        "rnn-tanh" => new Rnn(8, 12, 16, 6, seed) { MissingActivationDerivative = missingActivationDerivative },
        "layernorm-tanh" => new LayerNormMlp(16, 4, 8, 3, seed) { MissingActivationDerivative = missingActivationDerivative },
        "logreg" => new LogisticRegression(2000, 30, seed) { MissingActivationDerivative = missingActivationDerivative },
        "mlp-wide-tanh" => new Mlp(128, 20, 48, 10, "tanh", seed) { MissingActivationDerivative = missingActivationDerivative },
        "attention" => new Attention(8, 6, 4, seed) { MissingActivationDerivative = missingActivationDerivative },
        "cnn-batchnorm" => new BatchNormCnn(seed) { MissingActivationDerivative = missingActivationDerivative },
        "cnn-strided-clamp" => new StridedCnn(seed) { MissingActivationDerivative = missingActivationDerivative },
        "gru" => new Gru(8, 10, 12, 5, seed) { MissingActivationDerivative = missingActivationDerivative },
        "mlp-deep-silu" => new DeepMlp(seed) { MissingActivationDerivative = missingActivationDerivative },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not in the corpus"),
    };

    /// <summary>Entries of the first weight matrix (they lead the flat parameter vector in every network).</summary>
    public static int FirstLayerSize(string name) => name switch
    {
        "conv-relu" or "conv-maxpool" => 4 * 5,
        "rnn-tanh" => 16 * 6,
        "layernorm-tanh" => 4 * 8,
        "logreg" => 30,
        "mlp-wide-tanh" => 20 * 48,
        "attention" => 4 * 4,
        "cnn-batchnorm" or "cnn-strided-clamp" => 4 * 9,
        "gru" => 12 * 5,
        "mlp-deep-silu" => 16 * 8,
        _ => 10 * 32,
    };

    /// <summary>
    /// The first weight matrix's shape, rows × columns in row-major order (its entries lead the flat parameter vector):
    /// where a transposed gradient (written as columns × rows) is a bug to plant. Null for a weight vector.
    /// </summary>
    public static (int Rows, int Columns)? FirstLayerShape(string name) => name switch
    {
        "conv-relu" or "conv-maxpool" => (4, 5),
        "rnn-tanh" => (16, 6),
        "layernorm-tanh" => (8, 4),
        "logreg" => null,
        "mlp-wide-tanh" => (48, 20),
        "attention" => (4, 4),
        "cnn-batchnorm" or "cnn-strided-clamp" => (4, 9),
        "gru" => (12, 5),
        "mlp-deep-silu" => DeepMlp.FirstLayerShape,
        _ => (32, 10),
    };

    /// <summary>The network's tensors, in the order of the flat parameter vector.</summary>
    public static IReadOnlyList<(string Name, int Size)> Tensors(string name) => name switch
    {
        "conv-relu" or "conv-maxpool" => [("conv.weight", 4 * 5), ("conv.bias", 4), ("dense.weight", 4), ("dense.bias", 1)],
        "rnn-tanh" => [("rnn.weight_ih", 16 * 6), ("rnn.weight_hh", 16 * 16), ("rnn.bias", 16)],
        "layernorm-tanh" => [("fc1.weight", 4 * 8), ("fc1.bias", 8), ("ln.weight", 8), ("ln.bias", 8), ("fc2.weight", 8 * 3), ("fc2.bias", 3)],
        "logreg" => [("weight", 30), ("bias", 1)],
        "mlp-wide-tanh" => [("fc1.weight", 20 * 48), ("fc1.bias", 48), ("fc2.weight", 48 * 10), ("fc2.bias", 10)],
        "attention" => [("attn.wq", 4 * 4), ("attn.wk", 4 * 4), ("attn.wv", 4 * 4), ("out.weight", 4), ("out.bias", 1)],
        "cnn-batchnorm" => [("conv.weight", 4 * 9), ("conv.bias", 4), ("bn.weight", 4), ("bn.bias", 4), ("fc.weight", 3 * 36), ("fc.bias", 3)],
        "cnn-strided-clamp" => [("conv.weight", 4 * 9), ("conv.bias", 4), ("fc.weight", 2 * 4), ("fc.bias", 2)],
        "gru" => [.. new[] { "z", "r", "n" }.SelectMany(gate => new[] { ($"gru.weight_i{gate}", 12 * 5), ($"gru.weight_h{gate}", 12 * 12), ($"gru.bias_{gate}", 12) })],
        "mlp-deep-silu" => DeepMlp.Tensors,
        _ => [("fc1.weight", 10 * 32), ("fc1.bias", 32), ("fc2.weight", 32 * 5), ("fc2.bias", 5)],
    };

    /// <summary>The name of the tensor that holds entry <paramref name="index"/> of the flat parameter vector.</summary>
    public static string TensorOf(IReadOnlyList<(string Name, int Size)> tensors, int index)
    {
        int offset = 0;
        foreach (var (name, size) in tensors)
        {
            if (index < offset + size) return name;
            offset += size;
        }
        throw new ArgumentOutOfRangeException(nameof(index), index, "beyond the network's parameters");
    }

    /// <summary>Full mode on a sample of 32 entries (each seed its own; all 29 of the conv layer), and fast mode on the whole gradient.</summary>
    public static IEnumerable<GradientCheckOptions> Modes(int seed)
    {
        yield return new GradientCheckOptions { SampleSize = 32, Seed = seed };
        yield return new GradientCheckOptions { Mode = CheckMode.Fast, Seed = seed };
    }
}
