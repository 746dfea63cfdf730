namespace ComparisonGrid.Core;

/// <summary>Marker for callbacks a grain pushes to its subscribers.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "A marker, as in Orleans.")]
public interface IGrainObserver;
