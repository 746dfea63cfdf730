namespace ComparisonGrid.Grains;

/// <summary>
/// State is believed only once written: when a write or clear fails, the activation holds state the store does not,
/// so it is deactivated and the next call reads the store again instead of serving (or later writing) what failed.
/// </summary>
internal static class StateWrites
{
    public static async Task WriteOrForgetAsync<T>(this IPersistentState<T> state, Grain grain, CancellationToken cancellationToken = default)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            Forget(grain);
            throw;
        }
    }

    public static async Task ClearOrForgetAsync<T>(this IPersistentState<T> state, Grain grain)
    {
        try
        {
            await state.ClearStateAsync();
        }
        catch
        {
            Forget(grain);
            throw;
        }
    }

    private static void Forget(Grain grain) =>
        grain.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "a state write failed; the store decides what is true"));
}
