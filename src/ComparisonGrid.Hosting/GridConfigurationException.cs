namespace ComparisonGrid.Hosting;

/// <summary>The grid cannot start as configured; the message says what to change. Shown as one line, never a stack trace.</summary>
public sealed class GridConfigurationException(string message) : Exception(message);
