using System.Numerics;

namespace GradCheck.Models;

/// <summary>
/// Zeroing of gradient buffers before each Backward(), for backward passes that accumulate (+=): through the model's
/// <see cref="IZeroGradients"/> hook when it has one, else by clearing each parameter's buffer when
/// <see cref="GradientCheckOptions.ZeroGradientsBeforeBackward"/> asks for it. Null when neither applies.
/// </summary>
internal sealed class GradientZeroing
{
    private readonly Action _zero;

    private GradientZeroing(Action zero, string note)
    {
        _zero = zero;
        Note = note;
    }

    private const string Consequence = ": a backward pass that accumulates (+=) was checked as the gradient of one step. "
        + "Training must zero the gradients before each backward pass as well, or every step after the first is wrong.";

    /// <summary>What the report says happened.</summary>
    public string Note { get; }

    public void Run() => _zero();

    public static GradientZeroing? For<T>(IDifferentiableModel<T> model, Parameter<T>[] parameters, GradientCheckOptions options)
        where T : IFloatingPointIeee754<T>
    {
        if (model is IZeroGradients hook)
            return new GradientZeroing(hook.ZeroGradients,
                $"{model.GetType().Name}.ZeroGradients() (IZeroGradients) ran before every Backward()" + Consequence);
        if (!options.ZeroGradientsBeforeBackward) return null;
        var cannot = parameters.FirstOrDefault(p => !p.Storage.CanClearGradient);
        if (cannot is not null)
            throw new InvalidModelException(
                $"ZeroGradientsBeforeBackward is set, but parameter '{cannot.Name}' was created with Parameter<T>.FromAccessors without a clearGradient action, "
                + $"so its gradient cannot be zeroed. Pass clearGradient, or implement IZeroGradients on {model.GetType().Name}.");
        return new GradientZeroing(() =>
            {
                foreach (var parameter in parameters) parameter.Storage.ClearGradient();
            },
            "every gradient buffer was zeroed before each Backward() (ZeroGradientsBeforeBackward)" + Consequence);
    }
}
