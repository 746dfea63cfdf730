using ComparisonGrid.Contracts;
using ComparisonGrid.Model;

namespace ComparisonGrid.Application.Ingestion;

/// <summary>
/// What one or more inputs gave: the reports stored (new, replaced or unchanged) and what failed, each named
/// with its input and place. The answer of POST /api/reports has this shape too.
/// </summary>
public sealed record IngestBatch(IReadOnlyList<IngestOutcome> Ingested, IReadOnlyList<InputError> Failed);
