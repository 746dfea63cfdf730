using Microsoft.Extensions.Hosting;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// Starts the embedded grid as the CLI runs it: grains on SQLite in the folder given, or on the PostgreSQL database
/// named by <paramref name="postgres"/> when it is set.
/// </summary>
public delegate Task<IHost> GridStarter(string dataDirectory, string? postgres, CancellationToken cancellationToken);
