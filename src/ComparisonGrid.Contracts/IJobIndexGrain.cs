using ComparisonGrid.Core;

namespace ComparisonGrid.Contracts;

/// <summary>Every job id, so a restarted gateway finds the jobs it must resume; one instance, key <see cref="Key"/>.</summary>
public interface IJobIndexGrain : IGrainWithStringKey
{
    public const string Key = "all";

    Task AddAsync(string jobId);

    [ReadOnly]
    Task<IReadOnlyList<string>> ListAsync();
}
