using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

public sealed class JobGrain([PersistentState("job")] IPersistentState<JobState> state, TimeProvider clock) : Grain, IJobGrain
{
    public async Task CreateAsync(JobRequest request)
    {
        if (state.State.Job is not null)
        {
            throw new InvalidOperationException($"job {GetPrimaryKeyString()} exists already");
        }
        state.State.Job = new JobView(GetPrimaryKeyString(), JobStatus.Queued, request, 0, 0, null, null, clock.GetUtcNow(), null);
        await state.WriteStateAsync().ConfigureAwait(false);
        await GrainFactory.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).AddAsync(GetPrimaryKeyString()).ConfigureAwait(false);
    }

    public Task StartedAsync(int total)
    {
        // A job resumed after a restart starts over: its results so far are computed again.
        state.State.Results.Clear();
        return Update(Job with { Status = JobStatus.Running, Done = 0, Total = total, Error = null, FinishedAt = null });
    }

    public Task ProgressAsync(int done, ComparisonResult? result)
    {
        if (result is not null)
        {
            state.State.Results.Add(result);
        }
        return Update(Job with { Done = done });
    }

    public Task IngestedAsync(JobIngestSummary summary) => Update(Job with { Ingest = summary });

    public Task FinishedAsync(string? failure) => Update(Job with
    {
        Status = failure is null ? JobStatus.Done : JobStatus.Failed,
        Error = failure,
        FinishedAt = clock.GetUtcNow(),
    });

    public Task<JobView?> GetAsync() => Task.FromResult(state.State.Job);

    public Task<IReadOnlyList<ComparisonResult>> ResultsAsync() => Task.FromResult<IReadOnlyList<ComparisonResult>>([.. state.State.Results]);

    private JobView Job => state.State.Job ?? throw new InvalidOperationException($"job {GetPrimaryKeyString()} does not exist");

    private Task Update(JobView job)
    {
        state.State.Job = job;
        return state.WriteStateAsync();
    }
}
