using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

[GrainType(GrainTypeName)]
public sealed class JobGrain([PersistentState("job", GridStorage.Name)] IPersistentState<JobState> state, TimeProvider clock) : Grain, IJobGrain
{
    /// <summary>The grain type: its grain ids and its stored states are named by it, across releases.</summary>
    public const string GrainTypeName = "job";

    public async Task CreateAsync(JobRequest request)
    {
        if (state.State.Job is not null)
        {
            throw new InvalidOperationException($"job {this.GetPrimaryKeyString()} exists already");
        }
        state.State.Job = new JobView(this.GetPrimaryKeyString(), JobStatus.Queued, request, 0, 0, null, null, clock.GetUtcNow(), null);
        await state.WriteOrForgetAsync(this);
        await GrainFactory.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).AddAsync(this.GetPrimaryKeyString());
    }

    public async Task<JobView?> ClaimAsync(string runner, TimeSpan lease, int maxAttempts)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        if (s.Job is not { Status: JobStatus.Queued or JobStatus.Running } job
            || (s.Runner is not null && s.Runner != runner && s.LeaseUntil > now))
        {
            return null;
        }
        if (job.Attempts >= maxAttempts)
        {
            // A job that took its node down, or met a store outage, every time: it stops here instead of forever.
            s.Job = job with
            {
                Status = JobStatus.Failed,
                Error = $"gave up after {job.Attempts} attempt{(job.Attempts == 1 ? "" : "s")}" + (job.Error is null ? "" : $"; the last: {job.Error}"),
                FinishedAt = now,
            };
            s.Runner = null;
            await state.WriteOrForgetAsync(this);
            return null;
        }
        // Each attempt starts over: its results so far are computed again.
        s.Job = job with { Status = JobStatus.Running, Attempts = job.Attempts + 1, Done = 0, Results = 0, Ingest = null, FinishedAt = null };
        s.Runner = runner;
        s.LeaseUntil = now + lease;
        await state.WriteOrForgetAsync(this);
        return s.Job;
    }

    public Task StartedAsync(string runner, int total) => UpdateAsync(runner, job => job with { Total = total });

    public async Task<bool> ProgressAsync(string runner, int done, int results, TimeSpan lease)
    {
        if (!Holds(runner))
        {
            return false;
        }
        state.State.Job = Job with { Done = done, Results = results };
        state.State.LeaseUntil = clock.GetUtcNow() + lease;
        await state.WriteOrForgetAsync(this);
        return true;
    }

    public Task IngestedAsync(string runner, JobIngestSummary summary) => UpdateAsync(runner, job => job with { Ingest = summary });

    public Task FinishedAsync(string runner, string? failure) => UpdateAsync(runner, job => job with
    {
        Status = failure is null ? JobStatus.Done : JobStatus.Failed,
        Error = failure,
        FinishedAt = clock.GetUtcNow(),
    }, release: true);

    public async Task<JobView?> CancelAsync()
    {
        if (state.State.Job is { Status: JobStatus.Queued or JobStatus.Running } job)
        {
            state.State.Job = job with { Status = JobStatus.Cancelled, FinishedAt = clock.GetUtcNow() };
            state.State.Runner = null;
            await state.WriteOrForgetAsync(this);
        }
        return state.State.Job;
    }

    public async Task DeleteAsync()
    {
        for (var i = 1; i <= (state.State.Job?.Results ?? 0); i++)
        {
            await GrainFactory.JobResult(this.GetPrimaryKeyString(), i).DeleteAsync();
        }
        if (state.RecordExists)
        {
            await state.ClearOrForgetAsync(this);
        }
        DeactivateOnIdle();
    }

    public Task<JobView?> GetAsync() => Task.FromResult(state.State.Job);

    private JobView Job => state.State.Job ?? throw new InvalidOperationException($"job {this.GetPrimaryKeyString()} does not exist");

    // A runner whose lease lapsed, or whose job was cancelled, must not write over what happened since.
    private bool Holds(string runner) => state.State.Runner == runner && Job.Status == JobStatus.Running;

    private async Task UpdateAsync(string runner, Func<JobView, JobView> change, bool release = false)
    {
        if (!Holds(runner))
        {
            return;
        }
        state.State.Job = change(Job);
        if (release)
        {
            state.State.Runner = null;
        }
        await state.WriteOrForgetAsync(this);
    }
}
