using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.State;

public sealed class JobState
{
    public JobView? Job { get; set; }

    /// <summary>The runner that holds the job, and until when; another may take it once the lease has lapsed.</summary>
    public string? Runner { get; set; }

    public DateTimeOffset LeaseUntil { get; set; }
}
