using System.Diagnostics;

namespace ComparisonGrid.TestKit;

/// <summary>
/// A private PostgreSQL for the tests: initdb in a folder of its own, listening on 127.0.0.1 and a free port,
/// stopped and removed afterwards. initdb refuses to run as root, so as root it runs as the postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"cgrid-pg-{Guid.NewGuid():N}");
    private string _bin = "";

    public int Port { get; private set; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=30;Pooling=true";

    /// <summary>A new empty database on this server, for one test; with the grid's schema applied unless <paramref name="schema"/> is false.</summary>
    public async Task<string> CreateDatabaseAsync(bool schema = true)
    {
        var name = $"t{Guid.NewGuid():N}";
        await using (var admin = Npgsql.NpgsqlDataSource.Create(ConnectionString()))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = ConnectionString(name);
        if (schema)
        {
            await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
            await Hosting.Postgres.PostgresSchema.ApplyAsync(dataSource, default);
        }
        return connectionString;
    }

    public async Task InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault() ?? ""
            : "";
        Assert.True(_bin.Length > 0, "the PostgreSQL tests need Debian's postgresql package (./test.sh installs it)");
        Port = Ports.Free();
        Directory.CreateDirectory(_directory);
        if (Environment.UserName == "root")
        {
            await Run("chown", "-R", "postgres:postgres", _directory);
        }
        var data = Path.Combine(_directory, "data");
        await RunAsPostgres(Path.Combine(_bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        await RunAsPostgres(Path.Combine(_bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_directory, "log"), "-w", "-t", "30",
            "-o", $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={_directory} -c fsync=off -c max_connections=200", "start");
    }

    public async Task StopAsync() =>
        await RunAsPostgres(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "stop");

    public async Task StartAgainAsync() =>
        await RunAsPostgres(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-l", Path.Combine(_directory, "log"), "-w", "-t", "30",
            "-o", $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={_directory} -c fsync=off -c max_connections=200", "start");

    public async Task DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            await StopAsync();
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task RunAsPostgres(string program, params string[] args) =>
        Environment.UserName == "root" ? Run("runuser", ["-u", "postgres", "--", program, .. args]) : Run(program, args);

    private static async Task Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
