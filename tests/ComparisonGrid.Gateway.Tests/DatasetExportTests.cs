using System.IO.Compression;
using System.Net;
using System.Text.Json;
using ComparisonGrid.TestKit;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// The dataset export as researchers read it: the seeds and the dev corpus exported by the API and by the CLI, read
/// back by DuckDB (not by the library that wrote them), with row counts equal to what the JSON API says, and the
/// SQL examples of examples/sql run against it.
/// </summary>
public sealed class DatasetExportTests : IDisposable
{
    private static readonly string[] Tables = ["reports", "targets", "achievements", "themes", "sections", "regions"];
    private readonly string _data = Directory.CreateTempSubdirectory("cgrid-dataset-data-").FullName;
    private readonly string _out = Directory.CreateTempSubdirectory("cgrid-dataset-out-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_out, recursive: true);
    }

    [Fact]
    public async Task The_seeds_and_the_dev_corpus_export_to_tables_duckdb_reads_with_the_rows_the_api_gives()
    {
        Dictionary<string, long> expected;
        List<(string Province, int Year, double Target)> provinceGdp;
        var api = Path.Combine(_out, "api");
        using (var gateway = new GatewayFactory(_data))
        {
            var client = await gateway.ReadyClientAsync();
            var writer = gateway.WriterClient();
            using var form = new MultipartFormDataContent();
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "tests", "corpus", "dev", "texts")).Order(StringComparer.Ordinal))
            {
                form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(file)), "files", Path.GetFileName(file));
            }
            var ingested = JsonDocument.Parse(await (await writer.PostAsync("/api/reports", form)).Content.ReadAsStringAsync()).RootElement;
            Assert.Empty(ingested.GetProperty("failed").EnumerateArray());
            expected = await CountsAsync(client);
            Assert.True(expected["reports"] >= 56, $"the 14 seeds and 42 dev reports are stored ({expected["reports"]})");
            provinceGdp = await ProvinceGdpTargetsAsync(client);

            // Through the API: a zip of Parquet tables with its manifest and codebook.
            var response = await client.GetAsync("/api/export?format=parquet");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using (var zip = await response.Content.ReadAsStreamAsync())
            {
                await ZipFile.ExtractToDirectoryAsync(zip, api);
            }
            Assert.True(File.Exists(Path.Combine(api, "manifest.json")) && File.Exists(Path.Combine(api, "codebook.md")));
            Assert.Equal(expected, Counts(api, ".parquet"));
            AssertManifest(api, expected);

            var csv = await client.GetAsync("/api/export?format=csv&level=province&from=2021&to=2023");
            var narrowed = Path.Combine(_out, "csv");
            await using (var zip = await csv.Content.ReadAsStreamAsync())
            {
                await ZipFile.ExtractToDirectoryAsync(zip, narrowed);
            }
            using var duck = Duck();
            Assert.Equal(0L, Scalar(duck, $"SELECT count(*) FROM read_csv('{narrowed}/reports.csv') WHERE level <> 'province' OR year NOT BETWEEN 2021 AND 2023"));
            Assert.True(Scalar(duck, $"SELECT count(*) FROM read_csv('{narrowed}/reports.csv')") > 0);
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/export?format=xls")).StatusCode);
        }
        SqliteConnection.ClearAllPools();

        // Through the CLI, on the same data directory once the gateway has let it go.
        var cli = Path.Combine(_out, "cli");
        var (code, output, error) = await CgridProcess.RunAsync("export", cli, "--data-dir", _data);
        Assert.True(code == 0, $"cgrid export: {code} {output} {error}");
        Assert.Contains("targets.parquet", output, StringComparison.Ordinal);
        Assert.Equal(expected, Counts(cli, ".parquet"));
        // The same store by the same engine: the same tables, byte for byte, whichever way they were exported.
        Assert.Equal(TableHashes(api), TableHashes(cli));

        // The examples, as the README runs them: against ./dataset.
        using var db = Duck();
        var examples = Path.Combine(Repository.Root, "examples", "sql");
        var rows = new Dictionary<string, List<object?[]>>(StringComparer.Ordinal);
        foreach (var sql in Directory.GetFiles(examples, "*.sql"))
        {
            rows[Path.GetFileName(sql)] = Query(db, (await File.ReadAllTextAsync(sql)).Replace("'dataset/", $"'{cli}/", StringComparison.Ordinal));
        }
        Assert.Equal(["attainment-by-year.sql", "gdp-target-panel.sql", "targets-against-achieved.sql"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.True(r.Value.Count > 0, $"{r.Key} gives rows on the dev corpus"));
        // The panel holds each province's GDP target as the JSON API's comparison gives it.
        var panel = rows["gdp-target-panel.sql"].Where(r => r[2] is not null).Select(r => ((string)r[0]!, (int)r[1]!, (double)r[2]!)).ToList();
        Assert.Equal(provinceGdp.Order(), panel.Order());
    }

    [Fact]
    public async Task An_empty_store_exports_empty_typed_tables_and_a_bad_format_is_a_usage_error()
    {
        var empty = Path.Combine(_out, "empty");
        var (code, _, _) = await CgridProcess.RunAsync("export", empty, "--data-dir", _data);
        Assert.Equal(1, code);
        using var db = Duck();
        Assert.Equal(0L, Scalar(db, $"SELECT count(*) FROM read_parquet('{empty}/targets.parquet')"));
        Assert.Equal("DOUBLE", Query(db, $"SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet('{empty}/targets.parquet')) WHERE column_name = 'low'").Single()[0]);
        Assert.Equal("BOOLEAN", Query(db, $"SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet('{empty}/targets.parquet')) WHERE column_name = 'stretch'").Single()[0]);
        Assert.Equal("INTEGER", Query(db, $"SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet('{empty}/reports.parquet')) WHERE column_name = 'year'").Single()[0]);
        var (usage, _, message) = await CgridProcess.RunAsync("export", empty, "--format", "xls");
        Assert.Equal(64, usage);
        Assert.Contains("parquet or csv", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comparisons_panels_and_job_results_come_as_typed_parquet_beside_csv()
    {
        using var gateway = new GatewayFactory(_data);
        var client = await gateway.ReadyClientAsync();
        const string panel = "/api/compare/panel?indicator=gdp_growth&from=2018&to=2025";
        var rows = JsonDocument.Parse(await client.GetStringAsync(panel)).RootElement.GetProperty("panel").GetArrayLength();
        Assert.True(rows > 0);
        using var db = Duck();
        var parquet = await SaveAsync(client, panel + "&format=parquet", "panel.parquet");
        Assert.Equal(rows, Scalar(db, $"SELECT count(*) FROM read_parquet('{parquet}')"));
        Assert.Equal("INTEGER", Query(db, $"SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet('{parquet}')) WHERE column_name = 'year'").Single()[0]);
        Assert.Equal("DOUBLE", Query(db, $"SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet('{parquet}')) WHERE column_name = 'value'").Single()[0]);
        var wide = await SaveAsync(client, panel + "&format=wide-parquet", "wide.parquet");
        Assert.Equal(["region", "code", "level", "province", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"],
            Query(db, $"SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('{wide}'))").Select(r => (string)r[0]!));
        var themes = await SaveAsync(client, "/api/compare/theme-panel?theme=tech_innovation&from=2018&to=2025&format=parquet", "themes.parquet");
        Assert.True(Scalar(db, $"SELECT count(*) FROM read_parquet('{themes}') WHERE per10k >= 0") > 0);

        var writer = gateway.WriterClient();
        var accepted = await writer.PostAsync("/api/jobs", new StringContent(
            "{\"comparisons\":[{\"kind\":\"panel\",\"indicator\":\"gdp_growth\",\"from\":2018,\"to\":2025}]}", System.Text.Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        await Eventually.Holds(async () => JsonDocument.Parse(await client.GetStringAsync($"/api/jobs/{id}")).RootElement.GetProperty("status").GetString() == "done", "the job is done");
        var job = Path.Combine(_out, "job");
        await using (var zip = await client.GetStreamAsync($"/api/jobs/{id}/result?format=parquet"))
        {
            await ZipFile.ExtractToDirectoryAsync(zip, job);
        }
        var longTable = Directory.GetFiles(job, "001-*.parquet").Single(f => !f.EndsWith("-wide.parquet", StringComparison.Ordinal));
        Assert.Equal(rows, Scalar(db, $"SELECT count(*) FROM read_parquet('{longTable}')"));
        Assert.True(File.Exists(Path.Combine(job, "reports.parquet")) && File.Exists(Path.Combine(job, "manifest.json")));
    }

    private async Task<string> SaveAsync(HttpClient client, string url, string name)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(_out, name);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    /// <summary>The rows each table should have, from the JSON API alone.</summary>
    private static async Task<Dictionary<string, long>> CountsAsync(HttpClient client)
    {
        var list = JsonDocument.Parse(await client.GetStringAsync("/api/reports")).RootElement.EnumerateArray().ToList();
        long themes = 0, sections = 0;
        foreach (var summary in list)
        {
            var code = summary.GetProperty("region").GetProperty("code").GetString();
            var report = JsonDocument.Parse(await client.GetStringAsync($"/api/reports/{code}/{summary.GetProperty("year").GetInt32()}")).RootElement.GetProperty("report");
            themes += report.GetProperty("themes").GetArrayLength();
            sections += Flatten(report.GetProperty("sections"));
        }
        return new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["reports"] = list.Count,
            ["targets"] = list.Sum(r => r.GetProperty("targets").GetInt32()),
            ["achievements"] = list.Sum(r => r.GetProperty("achievements").GetInt32()),
            ["themes"] = themes,
            ["sections"] = sections,
            ["regions"] = list.Select(r => r.GetProperty("region").GetProperty("code").GetString()).Distinct().Count(),
        };

        static long Flatten(JsonElement sections) => sections.EnumerateArray().Sum(s => 1 + Flatten(s.GetProperty("children")));
    }

    /// <summary>Each province's GDP growth target per year, as the indicator comparison gives it.</summary>
    private static async Task<List<(string, int, double)>> ProvinceGdpTargetsAsync(HttpClient client)
    {
        var years = JsonDocument.Parse(await client.GetStringAsync("/api/regions")).RootElement.EnumerateArray()
            .SelectMany(r => r.GetProperty("years").EnumerateArray().Select(y => y.GetInt32())).Distinct();
        var targets = new List<(string, int, double)>();
        foreach (var year in years)
        {
            var rows = JsonDocument.Parse(await client.GetStringAsync($"/api/compare/indicator?indicator=gdp_growth&year={year}&level=province")).RootElement.GetProperty("rows");
            targets.AddRange(rows.EnumerateArray().Where(r => !r.GetProperty("stretch").GetBoolean() && r.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number)
                .Select(r => (r.GetProperty("region").GetProperty("province").GetString()!, year, r.GetProperty("value").GetDouble())));
        }
        return targets;
    }

    private static Dictionary<string, long> Counts(string folder, string extension)
    {
        using var db = Duck();
        return Tables.ToDictionary(t => t, t => Scalar(db, $"SELECT count(*) FROM read_parquet('{Path.Combine(folder, t + extension)}')"), StringComparer.Ordinal);
    }

    private static Dictionary<string, string> TableHashes(string folder) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json"))).RootElement.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("name").GetString()!.EndsWith(".parquet", StringComparison.Ordinal))
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("sha256").GetString()!, StringComparer.Ordinal);

    private static void AssertManifest(string folder, Dictionary<string, long> expected)
    {
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json"))).RootElement;
        Assert.Equal("parquet", manifest.GetProperty("format").GetString());
        foreach (var table in manifest.GetProperty("tables").EnumerateArray())
        {
            Assert.Equal(expected[table.GetProperty("table").GetString()!], table.GetProperty("rows").GetInt64());
        }
        foreach (var file in manifest.GetProperty("files").EnumerateArray())
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, file.GetProperty("name").GetString()!));
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        }
    }

    private static DuckDBConnection Duck()
    {
        var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        return db;
    }

    private static long Scalar(DuckDBConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<object?[]> Query(DuckDBConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }
}
