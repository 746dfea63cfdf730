
namespace ComparisonGrid.Contracts;

/// <summary>
/// One result of a job (key <see cref="GrainKeys.JobResult"/>): stored on its own, so a job's progress writes the
/// new result only, never the results before it again.
/// </summary>
[Alias("cg.IJobResultGrain")]
public interface IJobResultGrain : IGrainWithStringKey
{
    Task SetAsync(ComparisonResult result);

    [ReadOnly]
    Task<ComparisonResult?> GetAsync();

    Task DeleteAsync();
}
