namespace ComparisonGrid.Core;

/// <summary>
/// A grain class whose calls may interleave at every await, so it can call itself or sit in a cycle of
/// calls. Without it, such a cycle fails with <see cref="GrainCallCycleException"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReentrantAttribute : Attribute;
