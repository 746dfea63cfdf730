using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ComparisonGrid.Hosting.Postgres;

/// <summary>Runs <see cref="PostgresSchema.CheckAsync"/> when the host starts, before the silo does.</summary>
internal sealed class PostgresSchemaCheck(NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => PostgresSchema.CheckAsync(dataSource, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
