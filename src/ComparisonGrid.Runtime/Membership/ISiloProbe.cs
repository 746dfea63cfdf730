namespace ComparisonGrid.Runtime.Membership;

/// <summary>
/// Opens a connection to another silo as calls would, certificate and all. A joining silo asks this of the active
/// members before it calls itself active, so a silo they will not accept never takes grains.
/// </summary>
public interface ISiloProbe
{
    /// <summary>Null when the silo at <paramref name="address"/> answered; otherwise why not.</summary>
    Task<string?> ProbeAsync(string address, CancellationToken cancellationToken);
}
