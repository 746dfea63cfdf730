using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// What a killed silo costs a cluster started by deploy/local-cluster.sh (--cluster-dir): reports are ingested
/// through the first gateway so their grains spread over every silo, each is read once, then the last silo is
/// killed (SIGKILL) and every report is read again through the first gateway at once. Prints the time from the
/// kill to the silo marked Dead in Orleans' membership table, and to the first and the last successful read of the
/// reports (the slow ones were on the dead silo and waited for membership to move them).
/// </summary>
public sealed class FailoverBenchmark(TextWriter stdout)
{
    public async Task<int> RunAsync(IBenchArguments cl, CancellationToken cancellationToken)
    {
        var dir = cl.Value("--cluster-dir") ?? throw new BenchUsageException("bench failover needs --cluster-dir DIR (a cluster of deploy/local-cluster.sh with at least 2 silos)");
        var reports = (int)(cl.Number("--reports") ?? 300);
        var env = File.ReadAllLines(Path.Combine(dir, "cluster.env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim('\''), StringComparer.Ordinal);
        var silos = env.Keys.Where(k => k.StartsWith("SILO_", StringComparison.Ordinal)).Select(k => int.Parse(k[5..], CultureInfo.InvariantCulture)).Order().ToList();
        if (silos.Count < 2)
        {
            throw new BenchUsageException("bench failover needs a cluster of at least 2 silos (deploy/local-cluster.sh up 3)");
        }
        var (first, victim) = (silos[0], silos[^1]);
        var key = (await File.ReadAllTextAsync(Path.Combine(dir, "api-key"), cancellationToken).ConfigureAwait(false)).Trim();
        using var http = new HttpClient { BaseAddress = new Uri(env[$"SILO_{first}"]), Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { { "X-Api-Key", key } } };

        var keys = new List<string>();
        foreach (var batch in SyntheticReports.Generate(SyntheticReports.BodySource(), reports, 2024, 2_000).Chunk(50))
        {
            using var form = new MultipartFormDataContent();
            foreach (var (name, content) in batch)
            {
                form.Add(new ByteArrayContent(content), "files", name.Replace('/', '_'));
            }
            using var response = await http.PostAsync(new Uri("/api/reports", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            keys.AddRange(batch.Select(b => $"{Path.GetFileNameWithoutExtension(b.Name)}/2024"));
        }
        await Task.WhenAll(keys.Select(k => http.GetStringAsync(new Uri($"/api/reports/{k}", UriKind.Relative), cancellationToken))).ConfigureAwait(false);

        await using var membership = NpgsqlDataSource.Create(env["CONN"]);
        var port = int.Parse(env[$"SILOPORT_{victim}"], CultureInfo.InvariantCulture);
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(dir, $"silo{victim}.pid"), cancellationToken).ConfigureAwait(false)).Trim(), CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        Process.GetProcessById(pid).Kill();
        var dead = WhenDeadAsync(membership, port, clock, cancellationToken);
        var reads = await Task.WhenAll(keys.Select(async k =>
        {
            using var response = await http.GetAsync(new Uri($"/api/reports/{k}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            return (Ok: response.IsSuccessStatusCode, At: clock.Elapsed);
        })).ConfigureAwait(false);
        var declared = await dead.ConfigureAwait(false);
        var ok = reads.Where(r => r.Ok).Select(r => r.At).Order().ToList();
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"silo {victim} of {silos.Count} killed: marked Dead after {declared.TotalMilliseconds:N0} ms; {ok.Count} of {keys.Count} reports read through silo {first}'s gateway, " +
            $"the first after {ok[0].TotalMilliseconds:N0} ms, the last after {ok[^1].TotalMilliseconds:N0} ms; {ok.Count(t => t > TimeSpan.FromMilliseconds(100))} took over 100 ms")).ConfigureAwait(false);
        return ok.Count == keys.Count ? 0 : 1;
    }

    private static async Task<TimeSpan> WhenDeadAsync(NpgsqlDataSource membership, int port, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var command = membership.CreateCommand("SELECT status FROM orleans_membership WHERE port = $1 ORDER BY generation DESC LIMIT 1");
            command.Parameters.Add(new NpgsqlParameter { Value = port });
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 6)
            {
                return clock.Elapsed;
            }
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }
}
