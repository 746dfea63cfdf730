
namespace ComparisonGrid.Contracts;

[Alias("cg.IComparisonObserver")]
public interface IComparisonObserver : IGrainObserver
{
    Task OnComparisonUpdatedAsync(ComparisonResult result);
}
