namespace ComparisonGrid.Grains.Storage;

/// <summary>
/// Reads the stored state of other grains, for index grains (catalogs) that rebuild themselves from the grains
/// they index instead of keeping a second copy that a crash could leave behind. Read-only: a grain's state is
/// written only by its own activation.
/// </summary>
public interface IGrainStateReader
{
    /// <summary>
    /// The state named <paramref name="stateName"/> of every grain of <paramref name="grainType"/> whose key's last '/'-separated
    /// segment is <paramref name="lastSegment"/> (keys are paths: region/year).
    /// </summary>
    Task<IReadOnlyList<KeyValuePair<string, TState>>> ReadByLastSegmentAsync<TState>(string grainType, string stateName, string lastSegment, CancellationToken cancellationToken)
        where TState : class;

    /// <summary>The state named <paramref name="stateName"/> of every grain of <paramref name="grainType"/> whose key starts with <paramref name="keyPrefix"/>.</summary>
    Task<IReadOnlyList<KeyValuePair<string, TState>>> ReadPrefixAsync<TState>(string grainType, string stateName, string keyPrefix, CancellationToken cancellationToken)
        where TState : class;

    /// <summary>The keys of every grain of <paramref name="grainType"/> with a stored state <paramref name="stateName"/>.</summary>
    Task<IReadOnlyList<string>> KeysAsync(string grainType, string stateName, CancellationToken cancellationToken);

    Task<TState?> ReadAsync<TState>(string grainType, string stateName, string key, CancellationToken cancellationToken)
        where TState : class;
}
