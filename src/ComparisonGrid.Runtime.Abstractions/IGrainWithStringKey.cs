namespace ComparisonGrid.Core;

/// <summary>A grain whose identity is a string key, such as a region code or 130000/2022.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "A marker, as in Orleans.")]
public interface IGrainWithStringKey : IGrain;
