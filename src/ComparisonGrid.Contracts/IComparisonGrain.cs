
namespace ComparisonGrid.Contracts;

/// <summary>
/// A comparison across regions. Key: a canonical <see cref="ComparisonSpec"/>. Computed on demand, cached,
/// recomputed when a member report changes; each new result gets the next version and goes to subscribers.
/// </summary>
[Alias("cg.IComparisonGrain")]
public interface IComparisonGrain : IGrainWithStringKey
{
    Task<ComparisonResult> GetAsync();

    Task SubscribeAsync(IComparisonObserver observer);

    Task UnsubscribeAsync(IComparisonObserver observer);

    /// <summary>A catalog this comparison reads has changed.</summary>
    [OneWay]
    Task MembersChangedAsync(int year);
}
