namespace ComparisonGrid.Core;

/// <summary>Marker for grain interfaces: every method returns Task or Task&lt;T&gt; and takes immutable arguments.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "A marker, as in Orleans.")]
public interface IGrain;
