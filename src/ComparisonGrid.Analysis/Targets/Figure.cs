using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>A figure as written in a clause: 7.5%左右, 不低于5%, 5%-5.5%, 181万吨以上, 力争7%.</summary>
public sealed record Figure(
    int Start,
    int End,
    double Low,
    double High,
    string? Unit,
    Comparator Comparator,
    bool HasOwnQualifier,
    bool Stretch);
