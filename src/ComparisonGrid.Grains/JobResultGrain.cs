using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

public sealed class JobResultGrain([PersistentState("job-result")] IPersistentState<JobResultState> state) : Grain, IJobResultGrain
{
    public Task SetAsync(ComparisonResult result)
    {
        state.State.Result = result;
        return state.WriteStateAsync();
    }

    public Task<ComparisonResult?> GetAsync() => Task.FromResult(state.State.Result);

    public async Task DeleteAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync().ConfigureAwait(false);
        }
        DeactivateOnIdle();
    }
}
