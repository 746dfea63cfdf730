namespace ComparisonGrid.Model;

/// <summary>What one input yielded: its reports and the parts that failed.</summary>
[GenerateSerializer, Immutable, Alias("cg.ParseResult")]
public sealed record ParseResult(IReadOnlyList<Report> Reports, IReadOnlyList<InputError> Errors);
