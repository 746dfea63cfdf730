using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

[GrainType(GrainTypeName)]
public sealed class JobResultGrain([PersistentState("job-result", GridStorage.Name)] IPersistentState<JobResultState> state) : Grain, IJobResultGrain
{
    /// <summary>The grain type: its grain ids and its stored states are named by it, across releases.</summary>
    public const string GrainTypeName = "job-result";

    public Task SetAsync(ComparisonResult result)
    {
        state.State.Result = result;
        return state.WriteOrForgetAsync(this);
    }

    public Task<ComparisonResult?> GetAsync() => Task.FromResult(state.State.Result);

    public async Task DeleteAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearOrForgetAsync(this);
        }
        DeactivateOnIdle();
    }
}
