using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComparisonGrid.Contracts;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Gateway.Tests;

public sealed class ApiTests : IClassFixture<ApiTests.SharedGateway>
{
    private readonly GatewayFactory _gateway;

    public ApiTests(SharedGateway shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        _gateway = shared.Gateway;
    }

    /// <summary>One gateway for the read tests: starting one costs a second.</summary>
    public sealed class SharedGateway : IDisposable
    {
        public GatewayFactory Gateway { get; } = new();

        public void Dispose() => Gateway.Dispose();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailPart)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailPart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_indicator_comparison_is_the_cli_json_and_the_samples_are_loaded_at_first_start()
    {
        var client = await _gateway.ReadyClientAsync();
        var json = await Json(await client.GetAsync("/api/compare/indicator?indicator=gdp_growth&year=2022&level=province"));
        Assert.Equal("gdp_growth", json.GetProperty("spec").GetProperty("indicator").GetString());
        Assert.True(json.GetProperty("version").GetInt64() >= 1);
        var names = json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("region").GetProperty("name").GetString()).ToList();
        Assert.Contains("河北省", names);
        Assert.Contains("辽宁省", names);
        Assert.Contains("青海省", names);
        Assert.True(json.GetProperty("stats").GetProperty("n").GetInt32() >= 3);
    }

    [Fact]
    public async Task Csv_has_a_bom_and_a_header()
    {
        var client = await _gateway.ReadyClientAsync();
        var response = await client.GetAsync("/api/compare/indicator?indicator=gdp_growth&year=2024&level=prefecture&province=山西&format=csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("rank,region,code,level,province,comparator", text, StringComparison.Ordinal);
        Assert.Contains("运城市", text, StringComparison.Ordinal);
        Assert.Contains("朔州市", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("themes?year=2022&level=province", "themes")]
    [InlineData("provinces?indicator=gdp_growth&year=2022&level=prefecture", "provinces")]
    [InlineData("hierarchy?indicator=gdp_growth&year=2022", "hierarchy")]
    [InlineData("attainment?indicator=gdp_growth&year=2021", "attainment")]
    [InlineData("indicator?indicator=gdp&year=2021&kind=achieved", "rows")]
    public async Task Every_comparison_kind_answers(string query, string property)
    {
        var client = await _gateway.ReadyClientAsync();
        var response = await client.GetAsync($"/api/compare/{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await Json(response)).TryGetProperty(property, out _));
    }

    [Theory]
    [InlineData("/api/compare/indicator?indicator=nope&year=2022", "unknown indicator 'nope'")]
    [InlineData("/api/compare/indicator?indicator=gdp_growth", "year is required")]
    [InlineData("/api/compare/indicator?indicator=gdp_growth&year=2022&level=city", "level is national")]
    [InlineData("/api/compare/indicator?indicator=gdp_growth&year=2022&province=Atlantis", "unknown province 'Atlantis'")]
    [InlineData("/api/compare/indicator?indicator=gdp_growth&year=2022&format=xml", "format is json, csv, parquet, zip or manifest")]
    [InlineData("/api/compare/everything?year=2022", "unknown comparison 'everything'")]
    [InlineData("/api/regions/Atlantis", "unknown region 'Atlantis'")]
    public async Task Bad_parameters_are_400_problems_that_name_the_parameter(string url, string detail)
    {
        var client = await _gateway.ReadyClientAsync();
        await AssertProblem(await client.GetAsync(url), HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task Reports_and_regions_are_readable_and_missing_ones_are_404()
    {
        var client = await _gateway.ReadyClientAsync();
        var report = await Json(await client.GetAsync("/api/reports/140800/2024"));
        Assert.Equal("运城市", report.GetProperty("report").GetProperty("region").GetProperty("name").GetString());
        Assert.True(report.GetProperty("report").GetProperty("targets").GetArrayLength() > 0);
        Assert.False(report.TryGetProperty("sourceText", out _));
        var withText = await Json(await client.GetAsync("/api/reports/140800/2024?text=true"));
        var sourceText = withText.GetProperty("sourceText").GetString()!;
        var start = withText.GetProperty("report").GetProperty("source").GetProperty("start").GetInt32();
        // Every quote of a simplified-script report stands at its offsets in the source text.
        foreach (var target in withText.GetProperty("report").GetProperty("targets").EnumerateArray())
        {
            var (s, e) = (target.GetProperty("start").GetInt32() - start, target.GetProperty("end").GetInt32() - start);
            Assert.Equal(target.GetProperty("quote").GetString(), sourceText[s..e]);
        }
        await AssertProblem(await client.GetAsync("/api/reports/140800/1999"), HttpStatusCode.NotFound, "no report is stored");
        var regions = await Json(await client.GetAsync("/api/regions?province=山西省"));
        Assert.Contains(regions.EnumerateArray(), r => r.GetProperty("region").GetProperty("name").GetString() == "运城市");
        Assert.All(regions.EnumerateArray(), r => Assert.Equal("140000", r.GetProperty("region").GetProperty("provinceCode").GetString()));
        var region = await Json(await client.GetAsync("/api/regions/运城市"));
        Assert.Equal(2024, region.GetProperty("years")[0].GetInt32());
        Assert.Contains(region.GetProperty("series").EnumerateArray(), s => s.GetProperty("indicator").GetString() == "gdp_growth");
        await AssertProblem(await client.GetAsync("/api/regions/110101"), HttpStatusCode.NotFound, "no report is stored for region 110101");
    }

    [Fact]
    public async Task Writes_need_a_valid_api_key()
    {
        var client = await _gateway.ReadyClientAsync();
        await AssertProblem(await client.PostAsync("/api/reports", new StringContent("x", Encoding.UTF8, "text/plain")),
            HttpStatusCode.Unauthorized, "needs an API key in the X-Api-Key header");
        var wrong = _gateway.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");
        await AssertProblem(await wrong.PostAsync("/api/reports", new StringContent("x", Encoding.UTF8, "text/plain")),
            HttpStatusCode.Unauthorized, "not valid");
        await AssertProblem(await client.PostAsJsonAsync("/api/jobs", new { comparisons = Array.Empty<object>() }),
            HttpStatusCode.Unauthorized, "API key");
    }

    [Fact]
    public async Task Head_is_answered_wherever_get_is_with_the_headers_and_no_body()
    {
        // A real server: whether a body goes out for HEAD is the server's part, which the in-memory test server skips.
        var data = Directory.CreateTempSubdirectory("cgrid-head-").FullName;
        using var gateway = await GatewayProcess.StartAsync(data, GatewayFactory.Key);
        using var http = new HttpClient { BaseAddress = new Uri(gateway.Url) };
        await Eventually.Holds(async () => (await http.GetStringAsync("/api/regions")).Contains("140600", StringComparison.Ordinal), "the samples are loaded", TimeSpan.FromSeconds(60));
        foreach (var path in new[] { "/api/regions", "/api/compare/indicator?indicator=gdp_growth&year=2022&level=province", "/api/reports/140600/2024" })
        {
            var get = await http.GetAsync(path);
            using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_json_ingest_with_a_title_too_long_to_be_one_is_refused_by_name_and_nothing_is_stored()
    {
        await _gateway.ReadyClientAsync();
        var writer = _gateway.WriterClient();
        var text = (await File.ReadAllTextAsync(GatewayFactory.Fixture("shandong-2022.txt"))).Replace("山东省", "海南省", StringComparison.Ordinal);
        var json = await Json(await writer.PostAsJsonAsync("/api/reports", new { text, title = new string('题', 200_000) }));
        Assert.Empty(json.GetProperty("ingested").EnumerateArray());
        var failure = Assert.Single(json.GetProperty("failed").EnumerateArray());
        Assert.Contains("the title hint is 200,000 characters, over the limit of 1,000", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync("/api/reports/460000/2022")).StatusCode);
    }

    [Fact]
    public async Task Ingest_takes_text_json_and_multipart_and_lists_what_failed_per_input()
    {
        await _gateway.ReadyClientAsync();
        var writer = _gateway.WriterClient();
        var text = await File.ReadAllTextAsync(GatewayFactory.Fixture("shandong-2022.txt"));

        var plain = await Json(await writer.PostAsync("/api/reports", new StringContent(text, Encoding.UTF8, "text/plain")));
        var first = plain.GetProperty("ingested")[0];
        Assert.Equal("370000/2022", first.GetProperty("key").GetString());

        var json = await Json(await writer.PostAsJsonAsync("/api/reports", new { text, title = "2022年山东省政府工作报告" }));
        // The same text sent as JSON is another source (other bytes), so it replaces the report with itself.
        Assert.Equal("replaced", json.GetProperty("ingested")[0].GetProperty("status").GetString());

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(text.Replace("山东省", "河南省", StringComparison.Ordinal))), "files", "henan.txt" },
            { new ByteArrayContent([0x00, 0x01, 0x02, 0x03]), "files", "broken.bin" },
        };
        var multi = await Json(await writer.PostAsync("/api/reports", form));
        Assert.Equal("410000/2022", multi.GetProperty("ingested")[0].GetProperty("key").GetString());
        var failure = Assert.Single(multi.GetProperty("failed").EnumerateArray());
        Assert.Equal("broken.bin", failure.GetProperty("input").GetString());

        await AssertProblem(await writer.PostAsync("/api/reports", new StringContent("<x/>", Encoding.UTF8, "application/xml")),
            HttpStatusCode.UnsupportedMediaType, "text/plain");
        await AssertProblem(await writer.PostAsync("/api/reports", new StringContent("{\"title\":\"x\"}", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "\"text\"");
        await AssertProblem(await writer.PostAsync("/api/reports", new StringContent("{not json", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "not JSON");
        using var empty = new MultipartFormDataContent { { new StringContent("v"), "field" } };
        await AssertProblem(await writer.PostAsync("/api/reports", empty), HttpStatusCode.BadRequest, "no report");
    }

    [Fact]
    public async Task Operations_endpoints_answer()
    {
        var client = await _gateway.ReadyClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var cluster = await Json(await client.GetAsync("/api/cluster"));
        var silo = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
        Assert.Equal("active", silo.GetProperty("status").GetString());
        Assert.Contains(silo.GetProperty("runtime").GetProperty("grainTypes").EnumerateArray(), t => t.GetProperty("grainType").GetString() == "report");
        var meta = await Json(await client.GetAsync("/api/meta"));
        Assert.Contains(meta.GetProperty("indicators").EnumerateArray(), i => i.GetString() == "gdp_growth");
        // Every indicator has its name in Chinese beside the id.
        var names = meta.GetProperty("indicatorNames");
        Assert.All(meta.GetProperty("indicators").EnumerateArray(), i => Assert.False(string.IsNullOrEmpty(names.GetProperty(i.GetString()!).GetString())));
        Assert.Equal("地区生产总值增长", names.GetProperty("gdp_growth").GetString());
        Assert.True(meta.GetProperty("themes").GetArrayLength() >= 20);
        var reports = await Json(await client.GetAsync("/api/reports"));
        Assert.Contains(reports.EnumerateArray(), r => r.GetProperty("region").GetProperty("name").GetString() == "厦门市"
            && r.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "year-mismatch"));
        var openapi = await Json(await client.GetAsync("/openapi/v1.json"));
        var paths = openapi.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/compare/{kind}", out var compare));
        Assert.True(paths.TryGetProperty("/api/reports", out _));
        // Typed results: the documented answers name their schemas, and each resource has its own tag.
        var compareOk = compare.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json");
        Assert.EndsWith("ComparisonResult", compareOk.GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        Assert.True(compare.GetProperty("get").GetProperty("responses").TryGetProperty("304", out _));
        var region = paths.GetProperty("/api/regions/{code}").GetProperty("get");
        Assert.EndsWith("RegionView", region.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        Assert.Equal("Regions", region.GetProperty("tags")[0].GetString());
    }

    [Fact]
    public async Task A_job_computes_its_comparisons_and_serves_them_as_ndjson_or_a_zip_of_csv()
    {
        await _gateway.ReadyClientAsync();
        var writer = _gateway.WriterClient();
        var accepted = await writer.PostAsJsonAsync("/api/jobs", new
        {
            comparisons = new object[]
            {
                new { kind = "indicator", indicator = "gdp_growth", year = 2022, level = "province" },
                new { kind = "themes", year = 2024 },
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await Json(accepted)).GetProperty("id").GetString();
        JsonElement job = default;
        for (var i = 0; i < 100; i++)
        {
            job = await Json(await writer.GetAsync($"/api/jobs/{id}"));
            if (job.GetProperty("status").GetString() is "done" or "failed")
            {
                break;
            }
            await Task.Delay(50);
        }
        Assert.Equal("done", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("done").GetInt32());
        var ndjson = await writer.GetStringAsync($"/api/jobs/{id}/result");
        var lines = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("indicator", JsonDocument.Parse(lines[0]).RootElement.GetProperty("spec").GetProperty("kind").GetString());
        Assert.StartsWith(EngineVersion.Package, JsonDocument.Parse(lines[0]).RootElement.GetProperty("engine").GetString(), StringComparison.Ordinal);
        var zip = await writer.GetAsync($"/api/jobs/{id}/result?format=zip");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using var archive = new System.IO.Compression.ZipArchive(await zip.Content.ReadAsStreamAsync());
        Assert.Equal(
            ["manifest.json", "001-indicator_gdp_growth_2022_province_-_target.csv", "002-themes_-_2024_-_-_target.csv", "reports.csv", "codebook.md"],
            archive.Entries.Select(e => e.FullName));
        using (var manifest = JsonDocument.Parse(archive.GetEntry("manifest.json")!.Open()))
        {
            // Both comparisons' reports, each with the hash of its source.
            var reports = manifest.RootElement.GetProperty("reports").EnumerateArray().ToList();
            Assert.Contains(reports, r => r.GetProperty("year").GetInt32() == 2022);
            Assert.Contains(reports, r => r.GetProperty("year").GetInt32() == 2024);
            Assert.All(reports, r => Assert.Matches("^[0-9a-f]{64}$", r.GetProperty("hash").GetString()!));
        }
        await AssertProblem(await writer.GetAsync("/api/jobs/nope"), HttpStatusCode.NotFound, "no job nope");
        await AssertProblem(await writer.PostAsJsonAsync("/api/jobs", new { comparisons = Array.Empty<object>() }), HttpStatusCode.BadRequest, "a job needs");
    }

    [Fact]
    public async Task A_folder_job_is_refused_while_no_ingest_root_is_configured()
    {
        await _gateway.ReadyClientAsync();
        await AssertProblem(await _gateway.WriterClient().PostAsJsonAsync("/api/jobs", new { ingestFolder = "/etc" }), HttpStatusCode.BadRequest,
            "server-side folder ingest is off");
    }

    [Fact]
    public async Task A_panel_answers_long_json_long_and_wide_csv_and_refuses_a_backward_range()
    {
        var client = await _gateway.ReadyClientAsync();
        const string query = "/api/compare/panel?indicator=gdp_growth&from=2019&to=2024";
        var panel = await Json(await client.GetAsync(query));
        Assert.Equal("panel", panel.GetProperty("spec").GetProperty("kind").GetString());
        var rows = panel.GetProperty("panel").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("year").GetInt32() == 2019 && r.GetProperty("region").GetProperty("name").GetString() == "厦门市");
        Assert.Contains(rows, r => r.GetProperty("year").GetInt32() == 2024 && r.GetProperty("region").GetProperty("name").GetString() == "运城市");

        var csvResponse = await client.GetAsync(query + "&format=csv");
        var longCsv = await csvResponse.Content.ReadAsStringAsync();
        // A bare CSV links to its manifest, which names every report the panel read.
        var link = csvResponse.Headers.GetValues("Link").Single();
        Assert.Contains("rel=\"describedby\"", link, StringComparison.Ordinal);
        var manifest = await Json(await client.GetAsync(link[1..link.IndexOf('>', StringComparison.Ordinal)]));
        Assert.Equal(panel.GetProperty("reports").GetArrayLength(), manifest.GetProperty("reports").GetArrayLength());
        Assert.Equal("panel/gdp_growth/2019-2024/-/-/target", manifest.GetProperty("comparisons")[0].GetProperty("key").GetString());
        var zip = await client.GetAsync(query + "&format=zip");
        using (var archive = new System.IO.Compression.ZipArchive(await zip.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(["manifest.json", "panel_gdp_growth_2019-2024_-_-_target.csv", "panel_gdp_growth_2019-2024_-_-_target-wide.csv", "reports.csv", "codebook.md"],
                archive.Entries.Select(e => e.FullName));
        }
        Assert.StartsWith("region,code,level,province,year,", longCsv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(rows.Count + 1, longCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var wide = (await client.GetStringAsync(query + "&format=wide")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("region,code,level,province,2019,2020,2021,2022,2023,2024", wide[0].TrimStart('\uFEFF').TrimEnd('\r'));
        Assert.Equal(rows.Select(r => r.GetProperty("region").GetProperty("code").GetString()).Distinct().Count(), wide.Length - 1);

        // Themes the same: intensity per region and year, long or wide.
        var themes = await Json(await client.GetAsync("/api/compare/theme-panel?theme=tech_innovation&from=2019&to=2024"));
        Assert.Contains(themes.GetProperty("themePanel").EnumerateArray(), r => r.GetProperty("year").GetInt32() == 2024 && r.GetProperty("hits").GetInt32() > 0);
        var themesWide = await client.GetStringAsync("/api/compare/theme-panel?theme=tech_innovation&from=2019&to=2024&format=wide");
        Assert.StartsWith("region,code,level,province,2019,", themesWide.TrimStart('\uFEFF'), StringComparison.Ordinal);
        await AssertProblem(await client.GetAsync("/api/compare/theme-panel?theme=nope&from=2019&to=2024"), HttpStatusCode.BadRequest, "unknown theme 'nope'");

        await AssertProblem(await client.GetAsync("/api/compare/panel?indicator=gdp_growth&from=2024&to=2019"), HttpStatusCode.BadRequest, "from a year to a later one");
        await AssertProblem(await client.GetAsync("/api/compare/indicator?indicator=gdp_growth&year=2022&figure=attainment"), HttpStatusCode.BadRequest, "applies to panels");
    }
}
