using System.Globalization;
using System.Numerics;
using GradCheck.Internal;

namespace GradCheck.Models;

/// <summary>
/// The model's own gradient at the unperturbed point: one <see cref="IDifferentiableModel{T}.Loss"/> and one
/// <see cref="IDifferentiableModel{T}.Backward"/>, copied out before any perturbation can overwrite the buffers.
/// </summary>
internal sealed class AnalyticGradient<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[][] _gradients;
    private readonly T[][] _repeats;

    private AnalyticGradient(T[][] gradients, T[][] repeats, double loss)
    {
        _gradients = gradients;
        _repeats = repeats;
        Loss = loss;
    }

    public T[] this[int tensor] => _gradients[tensor];

    /// <summary>
    /// The gradient of one tensor as a function the core check calls: the first Backward() the first time, the
    /// second Backward() (when reentrancy is checked) every later time, so the core's reentrancy check judges the
    /// model's repeat exactly as it judges a gradient function's, entry by entry against NondeterminismTolerance.
    /// </summary>
    public Func<T[], T[]> Calls(int tensor)
    {
        int calls = 0;
        return _ => Interlocked.Increment(ref calls) == 1 ? _gradients[tensor] : _repeats[tensor];
    }

    /// <summary>The loss at the unperturbed point.</summary>
    public double Loss { get; }

    // beforeLoss is the replay hook (GradientCheckOptions.BeforeEvaluation), run before Loss(); zeroing runs before each Backward().
    public static AnalyticGradient<T> Compute(IDifferentiableModel<T> model, Parameter<T>[] parameters, ParameterSnapshot<T> snapshot, bool checkReentrancy,
        Action? beforeLoss, GradientZeroing? zeroing)
    {
        double loss = Call(() => { beforeLoss?.Invoke(); return double.CreateChecked(model.Loss()); }, "Loss()");
        Backward(model, zeroing, "Backward()");
        ThrowIfValuesModified(parameters, snapshot);
        var gradients = parameters.Select(p => p.Storage.Gradient()).ToArray();
        var repeats = checkReentrancy ? Repeat(model, parameters, gradients, zeroing) : gradients;
        return new AnalyticGradient<T>(gradients, repeats, loss);
    }

    private static void Backward(IDifferentiableModel<T> model, GradientZeroing? zeroing, string what) =>
        Call(() => { zeroing?.Run(); model.Backward(); return 0; }, what);

    /// <summary>
    /// A second Backward() at the same point, which must give the same gradient. The common way it does not: the
    /// backward pass accumulates (+=) into buffers it never zeroes, which silently doubles the gradient on the
    /// second training step. The core check compares the two per entry (<see cref="Calls"/>).
    /// </summary>
    private static T[][] Repeat(IDifferentiableModel<T> model, Parameter<T>[] parameters, T[][] first, GradientZeroing? zeroing)
    {
        Backward(model, zeroing, "Backward() (called a second time at the same point)");
        // A gradient in the model's memory that came out bit-identical is compared where it is and not copied again (a
        // copy of every tensor was one more copy of the model); the core check then sees the same values twice.
        return parameters.Select((p, t) => p.Storage is MemoryStorage<T> memory && CheckInputs.FirstDifference<T>(memory.GradientMemory.Span, first[t]) < 0
            ? first[t]
            : p.Storage.Gradient()).ToArray();
    }

    private static void ThrowIfValuesModified(Parameter<T>[] parameters, ParameterSnapshot<T> snapshot)
    {
        for (int t = 0; t < parameters.Length; t++)
        {
            // Values in the model's memory are compared where they are: a copy of every tensor was one more copy of the model.
            var now = parameters[t].Storage is MemoryStorage<T> memory ? memory.ValuesMemory.Span : parameters[t].Storage.Values();
            var before = snapshot.Values(t);
            int i = CheckInputs.FirstDifference(now, before);
            if (i < 0) continue;
            throw new PointModifiedException(string.Create(CultureInfo.InvariantCulture,
                $"The model's Loss() or Backward() modified {parameters[t].EntryName(i)} (from {before[i]} to {now[i]}). ")
                + "A check perturbs the parameters in place, so the forward and backward passes must treat them as read-only; "
                + "apply optimizer updates outside Loss() and Backward(). The parameters were restored.");
        }
    }

    private static TResult Call<TResult>(Func<TResult> action, string what)
    {
        return UserCode.Invoke(action, $"The model's {what}", "at the unperturbed parameters");
    }
}
