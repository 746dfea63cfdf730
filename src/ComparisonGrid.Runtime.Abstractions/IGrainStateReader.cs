namespace ComparisonGrid.Core;

/// <summary>
/// Reads the stored state of other grains, for index grains (catalogs) that rebuild themselves from the grains
/// they index instead of keeping a second copy that a crash could leave behind. Read-only: a grain's state is
/// written only by its own activation.
/// </summary>
public interface IGrainStateReader
{
    /// <summary>The state named <paramref name="stateName"/> of every <typeparamref name="TGrain"/> whose key ends with <paramref name="keySuffix"/>.</summary>
    Task<IReadOnlyList<KeyValuePair<string, TState>>> ReadAllAsync<TGrain, TState>(string stateName, string keySuffix, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey
        where TState : class;

    /// <summary>The keys of every <typeparamref name="TGrain"/> with a stored state <paramref name="stateName"/>.</summary>
    Task<IReadOnlyList<string>> KeysAsync<TGrain>(string stateName, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey;

    Task<TState?> ReadAsync<TGrain, TState>(string stateName, string key, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey
        where TState : class;
}
