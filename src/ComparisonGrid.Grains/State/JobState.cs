using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.State;

public sealed class JobState
{
    public JobView? Job { get; set; }

    public List<ComparisonResult> Results { get; set; } = [];
}
