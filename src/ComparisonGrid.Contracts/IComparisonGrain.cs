using ComparisonGrid.Core;

namespace ComparisonGrid.Contracts;

/// <summary>
/// A comparison across regions. Key: a canonical <see cref="ComparisonSpec"/>. Computed on demand, cached,
/// recomputed when a member report changes; each new result gets the next version and goes to subscribers.
/// </summary>
public interface IComparisonGrain : IGrainWithStringKey
{
    Task<ComparisonResult> GetAsync();

    Task SubscribeAsync(IComparisonObserver observer);

    Task UnsubscribeAsync(IComparisonObserver observer);

    /// <summary>A catalog this comparison reads has changed.</summary>
    [OneWay]
    Task MembersChangedAsync(int year);

    /// <summary>Recomputes now if subscribers wait for a change (scheduled by the grain itself after a burst of changes).</summary>
    [OneWay]
    Task RefreshAsync();
}
