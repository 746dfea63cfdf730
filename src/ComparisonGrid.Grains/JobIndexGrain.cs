using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

public sealed class JobIndexGrain([PersistentState("job-index")] IPersistentState<JobIndexState> state) : Grain, IJobIndexGrain
{
    public async Task AddAsync(string jobId)
    {
        state.State.Jobs.Add(jobId);
        await state.WriteStateAsync().ConfigureAwait(false);
    }

    public async Task RemoveAsync(IReadOnlyList<string> jobIds)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var gone = jobIds.ToHashSet(StringComparer.Ordinal);
        if (state.State.Jobs.RemoveAll(gone.Contains) > 0)
        {
            await state.WriteStateAsync().ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Jobs]);
}
