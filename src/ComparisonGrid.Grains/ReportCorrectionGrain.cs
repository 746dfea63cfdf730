using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

public sealed class ReportCorrectionGrain([PersistentState("correction")] IPersistentState<ReportCorrectionState> state)
    : Grain, IReportCorrectionGrain
{
    public Task<RegionCorrection?> GetAsync() => Task.FromResult(state.State.Correction);

    public async Task SetAsync(RegionCorrection correction)
    {
        ArgumentNullException.ThrowIfNull(correction);
        state.State.Correction = correction;
        await state.WriteStateAsync().ConfigureAwait(false);
    }
}
