using System.Numerics;

namespace GradCheck.Tests.RealNetworks.Corpus;

/// <summary>The activations of the corpus and their derivatives (ReLU and leaky ReLU take the right derivative at 0).</summary>
public static class Activation
{
    public static T F<T>(string k, T z) where T : IFloatingPointIeee754<T> => k switch
    {
        "relu" => z > T.Zero ? z : T.Zero,
        "leaky" => z > T.Zero ? z : T.CreateChecked(0.01) * z,
        _ => T.Tanh(z),
    };
    public static T D<T>(string k, T z, T a) where T : IFloatingPointIeee754<T> => k switch
    {
        "relu" => z > T.Zero ? T.One : T.Zero,
        "leaky" => z > T.Zero ? T.One : T.CreateChecked(0.01),
        _ => T.One - a * a,
    };

    /// <summary>σ(a) = 1 / (1 + e⁻ᵃ): the GRU's gates, SiLU's factor, logistic regression's probability.</summary>
    public static T Sigmoid<T>(T a) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-a));
}
