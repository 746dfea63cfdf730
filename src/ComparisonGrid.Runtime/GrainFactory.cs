using ComparisonGrid.Core;

namespace ComparisonGrid.Runtime;

internal sealed class GrainFactory(Silo silo) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey =>
        silo.GetReference<TGrainInterface>(key);
}
