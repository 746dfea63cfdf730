using ComparisonGrid.Grains;
using ComparisonGrid.Hosting.Migration;
using ComparisonGrid.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ComparisonGrid.Hosting.Postgres;

/// <summary>
/// A database written by the release before Orleans (state in grain_state, jsonb) is imported into the grid's
/// storage when a silo first starts on it: after the storage is up, before the silo takes calls, so no grain reads
/// an empty state for one that is only waiting to be imported. It runs to its end once (cgrid_imports records it);
/// interrupted, it resumes at the next start, skipping what it already wrote. The old table is left as it was.
/// </summary>
internal sealed partial class PreviousReleaseImport(IServiceProvider services, NpgsqlDataSource dataSource, ILogger<PreviousReleaseImport> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private const string Source = "grain_state (the release before Orleans)";

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PreviousReleaseImport), ServiceLifecycleStage.ApplicationServices + 1, RunAsync);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await PreviousStores.HasPostgresTableAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
            await using var done = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM cgrid_imports WHERE source = $1)", connection) { Parameters = { new() { Value = Source } } };
            if ((bool)(await done.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return;
            }
        }
        Importing(logger, Source);
        var import = new StateImport(services.GetRequiredKeyedService<IGrainStorage>(GridStorage.Name), services.GetRequiredService<StateSerializer>());
        var summary = await import.ImportAsync(PreviousStores.PostgresRowsAsync(dataSource, cancellationToken), cancellationToken).ConfigureAwait(false);
        await using (var record = dataSource.CreateCommand(
            "INSERT INTO cgrid_imports (source, imported, already_there, refused) VALUES ($1, $2, $3, $4) ON CONFLICT (source) DO NOTHING"))
        {
            record.Parameters.Add(new NpgsqlParameter { Value = Source });
            record.Parameters.Add(new NpgsqlParameter { Value = summary.ImportedCount });
            record.Parameters.Add(new NpgsqlParameter { Value = summary.AlreadyThere });
            record.Parameters.Add(new NpgsqlParameter { Value = summary.Refused.Count });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var said = summary.ToString();
        Imported(logger, summary.Refused.Count > 0 ? LogLevel.Warning : LogLevel.Information, Source, said);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Importing the states of {Source} into this build's storage")]
    private static partial void Importing(ILogger logger, string source);

    [LoggerMessage(Message = "Imported {Source}: {Summary}")]
    private static partial void Imported(ILogger logger, LogLevel level, string source, string summary);
}
