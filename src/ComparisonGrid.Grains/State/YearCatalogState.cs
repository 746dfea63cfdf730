namespace ComparisonGrid.Grains.State;

/// <summary>
/// What a year catalog stores itself: its epoch. Members are rebuilt from the reports' stored facts, and watchers
/// live in memory (subscribed comparisons watch again each time a subscriber renews).
/// </summary>
public sealed class YearCatalogState
{
    /// <summary>One more at every activation, written before the activation serves: its revisions outrank every earlier one.</summary>
    public long Epoch { get; set; }
}
