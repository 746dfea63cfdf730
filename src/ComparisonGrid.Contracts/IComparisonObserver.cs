using ComparisonGrid.Core;

namespace ComparisonGrid.Contracts;

public interface IComparisonObserver : IGrainObserver
{
    Task OnComparisonUpdatedAsync(ComparisonResult result);
}
