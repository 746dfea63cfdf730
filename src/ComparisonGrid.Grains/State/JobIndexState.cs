namespace ComparisonGrid.Grains.State;

public sealed class JobIndexState
{
    public List<string> Jobs { get; set; } = [];
}
