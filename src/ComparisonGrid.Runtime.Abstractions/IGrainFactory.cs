namespace ComparisonGrid.Core;

/// <summary>Hands out references to grains. A reference is cheap; the grain is activated on its first call.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}
