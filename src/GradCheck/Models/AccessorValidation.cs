using System.Globalization;
using System.Numerics;
using GradCheck.Internal;

namespace GradCheck.Models;

/// <summary>
/// A parameter behind accessors is checked only if its setter stores what it is given and its getter returns it:
/// otherwise every perturbation would be lost (a setter that writes into a copy) and the numeric gradient would read
/// as zero. One round trip with a nudged entry, before anything is evaluated, refuses such accessors by name.
/// </summary>
internal static class AccessorValidation
{
    public static void Verify<T>(Parameter<T> parameter, T[] values) where T : IFloatingPointIeee754<T>
    {
        var storage = parameter.Storage;
        var nudged = (T[])values.Clone();
        nudged[0] = T.BitIncrement(nudged[0]);
        var back = new T[values.Length];
        try
        {
            storage.WriteValues(nudged);
            storage.ReadValues(back);
            ThrowIfDifferent(parameter, nudged, back, "after its setter (writeValues) stored a nudged copy of the values");
        }
        finally
        {
            storage.WriteValues(values);
        }
        storage.ReadValues(back);
        ThrowIfDifferent(parameter, values, back, "after its setter (writeValues) stored the original values again");
    }

    private static void ThrowIfDifferent<T>(Parameter<T> parameter, T[] written, T[] read, string when) where T : IFloatingPointIeee754<T>
    {
        int i = CheckInputs.FirstDifference(written, read);
        if (i < 0) return;
        throw new InvalidModelException(string.Create(CultureInfo.InvariantCulture,
            $"{parameter.EntryName(i)} read back as {read[i]} {when}, which set it to {written[i]}. ")
            + "A check writes perturbed values through the setter before each Loss() and restores the originals through it, so the setter must store "
            + "exactly what it is given and readValues must return the values Loss() uses (not a stale or rounded copy).");
    }
}
