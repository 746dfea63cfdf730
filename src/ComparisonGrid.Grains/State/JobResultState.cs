using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.State;

public sealed class JobResultState
{
    public ComparisonResult? Result { get; set; }
}
