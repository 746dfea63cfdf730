using Microsoft.Extensions.Hosting;

namespace ComparisonGrid.Benchmarks;

/// <summary>Starts the embedded grid (grains on SQLite in the folder given) as the CLI runs it.</summary>
public delegate Task<IHost> GridStarter(string dataDirectory, CancellationToken cancellationToken);
