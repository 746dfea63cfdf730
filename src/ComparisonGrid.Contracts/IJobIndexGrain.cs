
namespace ComparisonGrid.Contracts;

/// <summary>Every job id, so the runners find jobs to resume or take over and old jobs to prune; one instance, key <see cref="Key"/>.</summary>
[Alias("cg.IJobIndexGrain")]
public interface IJobIndexGrain : IGrainWithStringKey
{
    public const string Key = "all";

    Task AddAsync(string jobId);

    Task RemoveAsync(IReadOnlyList<string> jobIds);

    [ReadOnly]
    Task<IReadOnlyList<string>> ListAsync();
}
