using System.Numerics;

namespace GradCheck.Models;

/// <summary>Model-level misuse, refused before anything is evaluated: no, null or duplicate parameters, non-finite values.</summary>
internal static class ModelValidation
{
    public static Parameter<T>[] Parameters<T>(IDifferentiableModel<T> model) where T : IFloatingPointIeee754<T>
    {
        var parameters = model.Parameters?.ToArray()
            ?? throw new InvalidModelException($"{model.GetType().Name}.Parameters is null; return the list of the model's parameter tensors.");
        if (parameters.Length == 0)
            throw new InvalidModelException($"{model.GetType().Name} has no parameters: there is nothing to check.");
        for (int i = 0; i < parameters.Length; i++)
            if (parameters[i] is null)
                throw new InvalidModelException($"{model.GetType().Name}.Parameters[{i}] is null.");
        var duplicate = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidModelException(
                $"{duplicate.Count()} parameters are named '{duplicate.Key}'; names must be unique so that reports can say which tensor is wrong.");
        foreach (var parameter in parameters)
        {
            // Values in the model's memory are read where they are (a copy of every tensor was one more copy of the model);
            // values behind accessors can only be read as a copy, which the accessors' own validation needs anyway.
            if (parameter.Storage is MemoryStorage<T> memory)
            {
                RequireFinite(parameter, memory.ValuesMemory.Span);
                continue;
            }
            var values = parameter.Storage.Values();
            RequireFinite(parameter, values);
            AccessorValidation.Verify(parameter, values);
        }
        return parameters;
    }

    private static void RequireFinite<T>(Parameter<T> parameter, ReadOnlySpan<T> values) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
            if (!T.IsFinite(values[i]))
                throw new InvalidModelException(
                    $"{parameter.EntryName(i)} is {values[i]}; every parameter must be finite to take finite differences (did training diverge?).");
    }
}
