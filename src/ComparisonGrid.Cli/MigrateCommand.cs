using ComparisonGrid.Grains;
using ComparisonGrid.Hosting.Migration;
using ComparisonGrid.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace ComparisonGrid.Cli;

/// <summary>
/// cgrid migrate --from-data-dir DIR: the states of a data directory (this release's, or the one before Orleans)
/// into the store the other options name (--postgres CONNECTION, or --data-dir). Safe to run again: what the target
/// has is left alone, so an interrupted run resumes where it stopped. Says what it did in one line.
/// </summary>
internal sealed class MigrateCommand(TextWriter stdout, TextWriter stderr)
{
    public async Task<int> RunAsync(CommandLine cl, CancellationToken cancellationToken)
    {
        var source = cl.Value("--from-data-dir") ?? throw new UsageException("migrate needs --from-data-dir DIR (the data directory to import)");
        var postgres = cl.Value("--postgres");
        var target = GridArguments.DataDirectory(cl);
        if (postgres is null && Path.GetFullPath(source) == Path.GetFullPath(target))
        {
            throw new UsageException($"{source} is the target itself: it is upgraded in place when the grid starts on it; migrate imports into another --data-dir or --postgres");
        }
        using var host = await GridHost.StartAsync(target, cancellationToken, postgres: postgres).ConfigureAwait(false);
        try
        {
            var import = new StateImport(host.Services.GetRequiredKeyedService<IGrainStorage>(GridStorage.Name), host.Services.GetRequiredService<StateSerializer>());
            var summary = await import.ImportAsync(PreviousStores.SqliteRowsAsync(source, cancellationToken), cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync($"{source} → {(postgres is null ? target : "PostgreSQL")}: {summary}").ConfigureAwait(false);
            foreach (var refused in summary.Refused)
            {
                await stderr.WriteLineAsync($"not imported: {refused}").ConfigureAwait(false);
            }
            return summary.Refused.Count > 0 ? 2 : 0;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
