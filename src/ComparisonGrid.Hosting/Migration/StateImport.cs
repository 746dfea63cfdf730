using System.Reflection;
using ComparisonGrid.Grains.Storage;
using ComparisonGrid.Hosting.Storage;

namespace ComparisonGrid.Hosting.Migration;

/// <summary>
/// Copies stored states from another store into the grid's storage without activating a grain: each row is read as
/// the class its state holds (<see cref="StoredStates"/>) and written through the grid's <see cref="IGrainStorage"/>,
/// so it lands as this build stores it (MessagePack, the target's row names). A state the target already has is
/// left alone, which makes an import safe to run again and resumable after an interruption: it carries on where it
/// stopped. A row of a state this build does not know is refused, named, and the rest go on.
/// </summary>
public sealed class StateImport(IGrainStorage target, StateSerializer serializer)
{
    private static readonly MethodInfo ImportOneMethod = typeof(StateImport).GetMethod(nameof(ImportOneAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly Dictionary<string, (StoredState State, MethodInfo Import)> _states = StoredStates.All.ToDictionary(
        s => StateRows.TypeOf(s.GrainType, s.StateName), s => (s, ImportOneMethod.MakeGenericMethod(s.StateType)), StringComparer.Ordinal);

    public async Task<ImportSummary> ImportAsync(IAsyncEnumerable<StoredRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var imported = new Dictionary<string, int>(StringComparer.Ordinal);
        var alreadyThere = 0;
        var refused = new List<string>();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!_states.TryGetValue(row.StateType, out var known))
            {
                refused.Add($"{row.StateType} {row.Key}: a state this build does not know");
                continue;
            }
            bool written;
            try
            {
                written = await ((Task<bool>)known.Import.Invoke(this, [known.State, row])!).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or MessagePack.MessagePackSerializationException or InvalidDataException)
            {
                refused.Add($"{row.StateType} {row.Key}: unreadable ({e.Message})");
                continue;
            }
            if (written)
            {
                imported[row.StateType] = imported.GetValueOrDefault(row.StateType) + 1;
            }
            else
            {
                alreadyThere++;
            }
        }
        return new ImportSummary(imported, alreadyThere, refused);
    }

    private async Task<bool> ImportOneAsync<T>(StoredState state, StoredRow row)
    {
        var grainId = GrainId.Create(state.GrainType, row.Key);
        var existing = new GrainState<T>();
        await target.ReadStateAsync(state.StateName, grainId, existing).ConfigureAwait(false);
        if (existing.RecordExists)
        {
            return false;
        }
        try
        {
            await target.WriteStateAsync(state.StateName, grainId, new GrainState<T>(serializer.Read<T>(row.Payload))).ConfigureAwait(false);
            return true;
        }
        catch (InconsistentStateException)
        {
            // Written by someone else (another silo importing, or the grain itself) since the read: theirs stands.
            return false;
        }
    }
}
