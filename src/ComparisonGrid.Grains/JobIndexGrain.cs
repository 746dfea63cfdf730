using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

[GrainType(GrainTypeName)]
public sealed class JobIndexGrain([PersistentState("job-index", GridStorage.Name)] IPersistentState<JobIndexState> state) : Grain, IJobIndexGrain
{
    /// <summary>The grain type: its grain ids and its stored states are named by it, across releases.</summary>
    public const string GrainTypeName = "job-index";

    public async Task AddAsync(string jobId)
    {
        state.State.Jobs.Add(jobId);
        await state.WriteOrForgetAsync(this);
    }

    public async Task RemoveAsync(IReadOnlyList<string> jobIds)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var gone = jobIds.ToHashSet(StringComparer.Ordinal);
        if (state.State.Jobs.RemoveAll(gone.Contains) > 0)
        {
            await state.WriteOrForgetAsync(this);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Jobs]);
}
