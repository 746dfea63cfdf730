using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// A job in a cluster of gateway processes on Orleans: one runner at a time holds it (a lease in the job's grain), and
/// a job whose silos are killed (SIGKILL, so nothing is handed over) is taken over once by a silo that joins later.
/// </summary>
[Collection(LocalCluster.Collection)]
public sealed class ClusterJobTests
{
    private const string Key = "cluster-job-key";

    [Fact]
    public async Task Both_silos_killed_during_a_job_leave_it_to_one_runner_of_a_new_silo_that_finishes_it_once()
    {
        var root = Directory.CreateTempSubdirectory("cgrid-cluster-root-").FullName;
        await using var cluster = new LocalCluster(Key, samples: false);
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, "reports")).FullName;
            var text = await File.ReadAllTextAsync(GatewayFactory.Fixture("shandong-2022.txt"));
            const int files = 600;
            for (var i = 0; i < files; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, $"{i:000}.txt"), text + $"\n附：第{i}稿");
            }
            cluster.Settings["ComparisonGrid__IngestRoots__0"] = root;
            cluster.Settings["ComparisonGrid__JobLease"] = "00:00:04";
            cluster.Settings["ComparisonGrid__JobScanInterval"] = "00:00:01";
            var urls = await cluster.Script("up", "2");
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Add("X-Api-Key", Key);
            var accepted = await http.PostAsJsonAsync($"{urls[0]}/api/jobs", new { ingestFolder = "reports" });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var id = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
            async Task<JsonElement> Job(string url) => JsonDocument.Parse(await http.GetStringAsync($"{url}/api/jobs/{id}")).RootElement;
            await Eventually.Holds(async () => (await Job(urls[1])).GetProperty("done").GetInt32() > 0, "the job is under way", TimeSpan.FromSeconds(30));

            // Both silos die while the job runs (the job's grain and its runner with them); two new ones start on
            // the same database, and both look for unfinished jobs.
            foreach (var (_, silo) in await cluster.Status())
            {
                System.Diagnostics.Process.GetProcessById(silo.Pid).Kill();
            }
            Assert.True((await Job(urls[1]).ContinueWith(t => t.IsFaulted)), "the old gateways are gone");
            var third = (await cluster.Script("add")).Last();
            var fourth = (await cluster.Script("add")).Last();

            var job = await Eventually.Value(async () =>
            {
                var j = await Job(fourth);
                return j.GetProperty("status").GetString() is "done" or "failed" ? j : (JsonElement?)null;
            }, "the job finished on the new gateways", TimeSpan.FromSeconds(120));
            Assert.True(job.GetProperty("status").GetString() == "done", job.GetRawText());
            // Interrupted once by the silos dying (a runner may also retry once after a call failed while the
            // grains moved), then finished: with runners taking the job from each other the attempts run out (5) and it fails.
            Assert.InRange(job.GetProperty("attempts").GetInt32(), 2, 3);
            var ingest = job.GetProperty("ingest");
            Assert.Equal(files, ingest.GetProperty("files").GetInt32());
            Assert.Equal(files, ingest.GetProperty("new").GetInt32() + ingest.GetProperty("replaced").GetInt32() + ingest.GetProperty("unchanged").GetInt32());
            Assert.Equal(job.GetRawText(), (await Job(third)).GetRawText());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
