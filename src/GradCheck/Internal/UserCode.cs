namespace GradCheck.Internal;

/// <summary>
/// The one place that calls code under test and wraps what it throws: a <see cref="FunctionEvaluationException"/>
/// that says which callback threw, where (the point, or the perturbed coordinate and its values), with the original
/// as the inner exception. Cancellation and GradCheck's own exceptions pass through unchanged.
/// </summary>
internal static class UserCode
{
    /// <summary>
    /// Calls <paramref name="call"/>; on an exception throws one whose message is "<paramref name="callback"/> threw
    /// TYPE <paramref name="where"/>: MESSAGE". <paramref name="where"/> is built only then, so that hot loops pay nothing for it.
    /// </summary>
    /// <param name="call">The user's code, bound to its arguments.</param>
    /// <param name="callback">What is called, as the subject of a sentence: "The function", "The gradient".</param>
    /// <param name="where">Where it was called, with its preposition: "at the unperturbed point", "while x[3] was perturbed …".</param>
    /// <param name="coordinate">The coordinate being perturbed, or null at the unperturbed point.</param>
    public static TResult Invoke<TResult>(Func<TResult> call, string callback, Func<string> where, int? coordinate = null)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is not OperationCanceledException and not GradientCheckException)
        {
            throw new FunctionEvaluationException($"{callback} threw {e.GetType().Name} {where()}: {e.Message}", e, coordinate);
        }
    }

    /// <summary>
    /// The callback, checking <paramref name="cancellation"/> before each call: how checks whose loops take no token
    /// (Taylor, descent, Hessian, exact) stop between two evaluations when cancelled. A null callback stays null, for
    /// the check to refuse by its parameter name.
    /// </summary>
    public static Func<TIn, TOut> Cancellable<TIn, TOut>(Func<TIn, TOut> callback, CancellationToken cancellation) =>
        callback is null || !cancellation.CanBeCanceled ? callback! : x =>
        {
            cancellation.ThrowIfCancellationRequested();
            return callback(x);
        };

    /// <inheritdoc cref="Cancellable{TIn, TOut}(Func{TIn, TOut}, CancellationToken)"/>
    public static Func<TIn1, TIn2, TOut> Cancellable<TIn1, TIn2, TOut>(Func<TIn1, TIn2, TOut> callback, CancellationToken cancellation) =>
        callback is null || !cancellation.CanBeCanceled ? callback! : (x, y) =>
        {
            cancellation.ThrowIfCancellationRequested();
            return callback(x, y);
        };

    /// <inheritdoc cref="Invoke{TResult}(Func{TResult}, string, Func{string}, int?)"/>
    public static TResult Invoke<TResult>(Func<TResult> call, string callback, string where, int? coordinate = null) =>
        Invoke(call, callback, () => where, coordinate);
}
