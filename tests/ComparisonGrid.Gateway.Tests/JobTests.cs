using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComparisonGrid.TestKit;
using Microsoft.Data.Sqlite;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// Bulk jobs as an attacker and an unlucky operator meet them: folders inside the ingest roots only, links and special
/// files skipped, a store outage failing the job and not the gateway, cancellation.
/// </summary>
public sealed class JobTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cgrid-ingest-root-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private GatewayFactory Gateway(params (string Key, string Value)[] settings) =>
        new([("ComparisonGrid:LoadSamples", "false"), ("ComparisonGrid:IngestRoots:0", _root), ("ComparisonGrid:JobScanInterval", "00:00:00.500"), .. settings]);

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<JsonElement> FinishedAsync(HttpClient client, string id, int seconds = 30)
    {
        return await Eventually.Value(async () =>
        {
            var job = await Json(await client.GetAsync($"/api/jobs/{id}"));
            return job.GetProperty("status").GetString() is "done" or "failed" or "cancelled" ? job : (JsonElement?)null;
        }, $"job {id} finished", TimeSpan.FromSeconds(seconds));
    }

    private static async Task<string> SubmitAsync(HttpClient writer, string folder)
    {
        var accepted = await writer.PostAsJsonAsync("/api/jobs", new { ingestFolder = folder });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return (await Json(accepted)).GetProperty("id").GetString()!;
    }

    /// <summary>A folder under the root with <paramref name="count"/> versions of one report: a job long enough to interrupt.</summary>
    private async Task CopiesAsync(string name, int count)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        var text = await File.ReadAllTextAsync(GatewayFactory.Fixture("shandong-2022.txt"));
        for (var i = 0; i < count; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"{i:0000}.txt"), text + $"\n附：第{i}份");
        }
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public async Task A_job_whose_results_would_pass_the_byte_limit_fails_naming_it_and_keeps_what_it_stored_under_it()
    {
        await CopiesAsync("copies", 1);
        using var gateway = Gateway(("ComparisonGrid:MaxJobResultBytes", "3000"));
        var writer = gateway.WriterClient();
        await FinishedAsync(writer, await SubmitAsync(writer, "copies"));
        var accepted = await writer.PostAsJsonAsync("/api/jobs", new
        {
            comparisons = Enumerable.Range(2015, 8).Select(year => new { kind = "indicator", indicator = "gdp_growth", year, level = "province" }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = await FinishedAsync(writer, (await Json(accepted)).GetProperty("id").GetString()!);
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("ComparisonGrid:MaxJobResultBytes", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.InRange(job.GetProperty("results").GetInt32(), 1, 7);
    }

    [Fact]
    public async Task A_folder_job_on_the_root_itself_runs_whether_named_by_dot_or_by_its_absolute_path()
    {
        await CopiesAsync("copies", 2);
        using var gateway = Gateway();
        var writer = gateway.WriterClient();
        foreach (var folder in new[] { ".", _root })
        {
            var job = await FinishedAsync(writer, await SubmitAsync(writer, folder));
            Assert.Equal("done", job.GetProperty("status").GetString());
            Assert.Equal(".", job.GetProperty("request").GetProperty("ingestFolder").GetString());
        }
        var regions = JsonDocument.Parse(await writer.GetStringAsync("/api/regions")).RootElement;
        Assert.Contains(regions.EnumerateArray(), r => r.GetProperty("region").GetProperty("code").GetString() == "370000");
    }

    [Fact]
    public async Task A_folder_job_ingests_regular_files_and_lists_links_fifos_and_bad_files_by_relative_path()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "reports")).FullName;
        var text = await File.ReadAllTextAsync(GatewayFactory.Fixture("shandong-2022.txt"));
        await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), text.Replace("山东省", "福建省", StringComparison.Ordinal));
        await File.WriteAllBytesAsync(Path.Combine(folder, "b.bin"), [0x00, 0x01, 0x02]);
        // What took a node down: a link loop, /dev/zero behind an innocent name, a FIFO nobody writes to, a way out.
        Directory.CreateSymbolicLink(Path.Combine(folder, "loop"), folder);
        File.CreateSymbolicLink(Path.Combine(folder, "zero.txt"), "/dev/zero");
        Directory.CreateSymbolicLink(Path.Combine(folder, "etc"), "/etc");
        MakeFifo(Path.Combine(folder, "pipe.txt"));

        using var gateway = Gateway();
        var writer = gateway.WriterClient();
        await gateway.ReadyClientAsync();
        var id = await SubmitAsync(writer, "reports");
        var job = await FinishedAsync(writer, id);

        Assert.Equal("done", job.GetProperty("status").GetString());
        var ingest = job.GetProperty("ingest");
        Assert.Equal((2, 1), (ingest.GetProperty("files").GetInt32(), ingest.GetProperty("new").GetInt32()));
        var failures = ingest.GetProperty("failures").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("reports/b.bin", StringComparison.Ordinal));
        Assert.Contains("reports/loop: a symbolic link, not followed", failures);
        Assert.Contains("reports/zero.txt: a symbolic link, not followed", failures);
        Assert.Contains("reports/etc: a symbolic link, not followed", failures);
        Assert.Contains("reports/pipe.txt: not a regular file (a FIFO, device or socket), not read", failures);
        // The record names no server path and carries no line of any file.
        Assert.DoesNotContain(_root, job.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("reports", job.GetProperty("request").GetProperty("ingestFolder").GetString());
        Assert.True((await gateway.CreateClient().GetAsync("/healthz")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_file_or_folder_swapped_for_a_link_after_listing_is_not_read()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "reports", "sub")).Parent!.FullName;
        var outside = Directory.CreateTempSubdirectory("cgrid-outside-").FullName;
        try
        {
            var text = await File.ReadAllTextAsync(GatewayFactory.Fixture("shandong-2022.txt"));
            await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), text.Replace("山东省", "福建省", StringComparison.Ordinal));
            await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), text);
            await File.WriteAllTextAsync(Path.Combine(folder, "sub", "b.txt"), text);
            var root = new Application.Ingestion.IngestRoots([_root]);
            var (real, relative) = root.Resolve("reports");
            var (files, _) = Application.Ingestion.IngestRoots.Walk(real, relative);
            Assert.Equal(2, files.Count);

            // After the listing: the file becomes a link out, the folder a link to a folder outside.
            File.Delete(Path.Combine(folder, "a.txt"));
            File.CreateSymbolicLink(Path.Combine(folder, "a.txt"), Path.Combine(outside, "secret.txt"));
            Directory.Delete(Path.Combine(folder, "sub"), recursive: true);
            Directory.CreateSymbolicLink(Path.Combine(folder, "sub"), outside);
            File.Copy(Path.Combine(outside, "secret.txt"), Path.Combine(outside, "b.txt"));

            foreach (var file in files)
            {
                var (document, error) = await Application.Ingestion.SourceFiles.ReadAsync(file, Analysis.ParseOptions.Default, "limit", CancellationToken.None, beneath: real);
                Assert.Null(document);
                Assert.Equal("cannot read: a symbolic link on the way, not followed", error!.Message);
            }
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task A_running_job_whose_files_are_swapped_for_links_reads_nothing_outside_its_root()
    {
        await CopiesAsync("many", 300);
        var outside = Directory.CreateTempSubdirectory("cgrid-outside-").FullName;
        try
        {
            var text = await File.ReadAllTextAsync(GatewayFactory.Fixture("shandong-2022.txt"));
            await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), "root:x:0:0:root:/root:/bin/bash\n" + text.Replace("山东省", "福建省", StringComparison.Ordinal));
            using var gateway = Gateway();
            var writer = gateway.WriterClient();
            await gateway.ReadyClientAsync();
            var id = await SubmitAsync(writer, "many");
            await Eventually.Holds(async () => (await Json(await writer.GetAsync($"/api/jobs/{id}"))).GetProperty("done").GetInt32() > 0, "the job started reading");
            // The last files, listed already and not yet read, become links out of the root.
            var swapped = 0;
            for (var i = 299; i >= 250; i--)
            {
                var path = Path.Combine(_root, "many", $"{i:0000}.txt");
                File.Delete(path);
                File.CreateSymbolicLink(path, Path.Combine(outside, "secret.txt"));
                swapped++;
            }
            var job = await FinishedAsync(writer, id, seconds: 120);
            Assert.Equal("done", job.GetProperty("status").GetString());
            var failures = job.GetProperty("ingest").GetProperty("failures").EnumerateArray().Select(f => f.GetString()!).ToList();
            Assert.Contains("many/0299.txt: cannot read: a symbolic link on the way, not followed", failures);
            Assert.DoesNotContain("root:x", job.GetRawText(), StringComparison.Ordinal);
            // Nothing of the outside file was stored: its region never appears.
            Assert.DoesNotContain("福建", await writer.GetStringAsync("/api/regions"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("../")]
    [InlineData("reports/../../")]
    [InlineData("outside")]
    public async Task A_folder_outside_the_ingest_roots_is_refused_with_a_400(string folder)
    {
        Directory.CreateDirectory(Path.Combine(_root, "reports"));
        // A link inside the root that leads out of it is outside too.
        Directory.CreateSymbolicLink(Path.Combine(_root, "outside"), Path.GetTempPath());
        using var gateway = Gateway();
        await gateway.ReadyClientAsync();
        var refused = await gateway.WriterClient().PostAsJsonAsync("/api/jobs", new { ingestFolder = folder });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is not a folder inside the ingest roots", (await Json(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_locked_during_a_job_fails_that_job_and_the_gateway_keeps_serving()
    {
        await CopiesAsync("many", 1500);
        using var gateway = Gateway(("ComparisonGrid:StoreBusyTimeout", "00:00:01"), ("ComparisonGrid:MaxJobAttempts", "1"), ("ComparisonGrid:JobLease", "00:00:02"));
        var writer = gateway.WriterClient();
        await gateway.ReadyClientAsync();
        var id = await SubmitAsync(writer, "many");
        await Eventually.Holds(async () => (await Json(await writer.GetAsync($"/api/jobs/{id}"))).GetProperty("done").GetInt32() > 0, "the job is under way");

        // Another process holds the write lock, as an operator's backup or a stuck writer would, for longer than the retries last.
        await using (var blocker = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "grains.db")};Pooling=False"))
        {
            await blocker.OpenAsync();
            await using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }
            await Eventually.Holds(async () => (await gateway.CreateClient().GetAsync("/api/jobs/" + id)).IsSuccessStatusCode, "reads are served while the store is locked");
            await Task.Delay(TimeSpan.FromSeconds(6));
            Assert.True((await gateway.CreateClient().GetAsync("/healthz")).IsSuccessStatusCode);
            await using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        var job = await FinishedAsync(writer, id, seconds: 60);
        Assert.Equal("failed", job.GetProperty("status").GetString());
        // One attempt allowed: the outage fails it, whether the runner could record that at once or the grain does
        // when the store is back (an attempt counts once its claim was written).
        Assert.Contains("gave up after 1 attempt", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        // The host is up and takes the next job.
        var next = await SubmitAsync(writer, "many");
        Assert.NotEqual(id, next);
        Assert.True((await writer.DeleteAsync($"/api/jobs/{next}")).IsSuccessStatusCode);
        Assert.Equal("cancelled", (await FinishedAsync(writer, next)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_cancelled_job_stops_and_its_result_says_so()
    {
        await CopiesAsync("many", 200);
        using var gateway = Gateway();
        var writer = gateway.WriterClient();
        await gateway.ReadyClientAsync();
        var id = await SubmitAsync(writer, "many");
        await Eventually.Holds(async () => (await Json(await writer.GetAsync($"/api/jobs/{id}"))).GetProperty("done").GetInt32() > 0, "the job is under way");

        var cancelled = await writer.DeleteAsync($"/api/jobs/{id}");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var done = (await Json(cancelled)).GetProperty("done").GetInt32();
        var job = await FinishedAsync(writer, id);
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        await Task.Delay(500);
        Assert.True((await Json(await writer.GetAsync($"/api/jobs/{id}"))).GetProperty("done").GetInt32() <= done + 1, "the runner stopped at its next step");
        Assert.Equal(HttpStatusCode.Conflict, (await writer.GetAsync($"/api/jobs/{id}/result")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.CreateClient().DeleteAsync($"/api/jobs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.DeleteAsync("/api/jobs/nope")).StatusCode);
    }
}
