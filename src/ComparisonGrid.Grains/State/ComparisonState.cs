namespace ComparisonGrid.Grains.State;

/// <summary>A comparison's version survives deactivation, so subscribers never see a version number twice.</summary>
public sealed class ComparisonState
{
    public long Version { get; set; }

    public string? ResultHash { get; set; }
}
