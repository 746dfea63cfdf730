namespace ComparisonGrid.Gateway.Jobs;

/// <summary>POST /api/jobs: comparisons to compute (each as the query parameters of /api/compare), and/or a server folder to ingest.</summary>
public sealed record JobSubmission(IReadOnlyList<JobComparison>? Comparisons, string? IngestFolder);

/// <summary>One comparison of a job; a panel takes From and To instead of Year, a theme panel also a Theme.</summary>
public sealed record JobComparison(string Kind, string? Indicator, int? Year, string? Level, string? Province, string? Figure, int? From = null, int? To = null,
    string? Theme = null);
