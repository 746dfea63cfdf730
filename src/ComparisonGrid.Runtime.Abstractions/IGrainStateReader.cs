namespace ComparisonGrid.Core;

/// <summary>
/// Reads the stored state of other grains, for index grains (catalogs) that rebuild themselves from the grains
/// they index instead of keeping a second copy that a crash could leave behind. Read-only: a grain's state is
/// written only by its own activation.
/// </summary>
public interface IGrainStateReader
{
    /// <summary>
    /// The state named <paramref name="stateName"/> of every <typeparamref name="TGrain"/> whose key's last '/'-separated
    /// segment is <paramref name="lastSegment"/> (keys are paths: region/year).
    /// </summary>
    Task<IReadOnlyList<KeyValuePair<string, TState>>> ReadByLastSegmentAsync<TGrain, TState>(string stateName, string lastSegment, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey
        where TState : class;

    /// <summary>The state named <paramref name="stateName"/> of every <typeparamref name="TGrain"/> whose key starts with <paramref name="keyPrefix"/>.</summary>
    Task<IReadOnlyList<KeyValuePair<string, TState>>> ReadPrefixAsync<TGrain, TState>(string stateName, string keyPrefix, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey
        where TState : class;

    /// <summary>The keys of every <typeparamref name="TGrain"/> with a stored state <paramref name="stateName"/>.</summary>
    Task<IReadOnlyList<string>> KeysAsync<TGrain>(string stateName, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey;

    Task<TState?> ReadAsync<TGrain, TState>(string stateName, string key, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey
        where TState : class;
}
