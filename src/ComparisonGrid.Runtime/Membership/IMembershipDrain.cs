namespace ComparisonGrid.Runtime.Membership;

/// <summary>
/// What must finish before a leaving silo tells the table it left: the silo writing its grains away, so the silo
/// that takes one over reads its latest state.
/// </summary>
public interface IMembershipDrain
{
    Task DrainAsync(CancellationToken cancellationToken);
}
