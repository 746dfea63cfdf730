using System.Text.Json;
using System.Text.Json.Nodes;
using ComparisonGrid.Analysis;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Application.Requests;
using ComparisonGrid.Gateway.Security;
using ComparisonGrid.Model;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Endpoints;

/// <summary>POST /api/reports (ingest) and GET /api/reports/{regionCode}/{year}.</summary>
internal static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports").WithTags("Reports");
        api.MapPost("", IngestAsync).WithWriteRules().WithSummary("Ingest reports: text/plain, multipart files (txt, html, csv, jsonl) or JSON {text, title?, region?, year?}");
        api.MapGet("", ListAsync).WithReadRules().WithSummary("Every stored report: region, year, counts and quality flags");
        api.MapPut("/{regionCode}/{year:int}/region", MoveAsync).WithWriteRules()
            .WithSummary("Correct a report's region (and year): body {region: code or name, year?, force?, held?}; 409 when another source's report is stored there (force replaces it) or the report changed meanwhile; held moves the report held for review; stored, applied again on re-ingest");
        api.MapGet("/held", HeldAsync).WithReadRules()
            .WithSummary("Reports held for review: their region was only guessed while the key holds a resolved report; move one (PUT …/region with held: true) or discard it");
        api.MapDelete("/{regionCode}/{year:int}/held", DiscardHeldAsync).WithWriteRules().WithSummary("Discard the report held for review at this key");
        api.MapGet("/{regionCode}/{year:int}", GetAsync).WithReadRules().WithSummary("A stored report (the output contract of targets.md); text=true adds the source text its offsets point into");
        return app;
    }

    private static async Task<IResult> IngestAsync(HttpContext http, ReportIngestor ingestor, IngestGate gate, IOptions<GatewayOptions> options, CancellationToken ct)
    {
        var request = http.Request;
        var limit = options.Value.MaxRequestBytes;
        RequestBody.CheckDeclaredLength(request, limit);
        using var turn = gate.EnterClient(ClientIdentity.Of(http), request.ContentLength ?? limit);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Value.IngestDeadline);
        Queue<ArrivedDocument> documents;
        IDisposable slot;
        try
        {
            // The body arrives first and only then asks for its share of the parsing budget: a client trickling its
            // upload holds its own turn, not the bytes every other client waits for.
            if (await ArriveAsync(request, limit, deadline.Token).ConfigureAwait(false) is not { } arrived)
            {
                return Problems.Status(StatusCodes.Status415UnsupportedMediaType,
                    $"send reports as text/plain, multipart/form-data files or application/json, not '{request.ContentType}'");
            }
            documents = arrived;
            slot = await gate.EnterAsync(documents.Sum(d => d.Bytes), deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return Problems.Status(StatusCodes.Status408RequestTimeout,
                $"the ingest did not arrive and reach parsing within {options.Value.IngestDeadline.TotalSeconds:0} s (IngestDeadline)");
        }
        using (slot)
        {
            if (documents.Count == 0)
            {
                return Problems.Status(StatusCodes.Status400BadRequest, "the request holds no report: attach files or send the text as the body");
            }
            var ingested = new List<IngestOutcome>();
            var failed = new List<InputError>();
            // Each document is loaded as it goes to the ingestor, which lets its bytes go once decoded.
            while (documents.Count > 0)
            {
                var document = await documents.Dequeue().LoadAsync(ct).ConfigureAwait(false);
                var batch = await ingestor.IngestAsync(document, options.Value.Parsing with { MaxBytes = limit }).ConfigureAwait(false);
                ingested.AddRange(batch.Ingested);
                failed.AddRange(batch.Failed);
            }
            return TypedResults.Ok(new IngestBatch(ingested, failed));
        }
    }

    /// <summary>The request's documents once its body has arrived (a form's files wait on disk); null for a type not taken.</summary>
    private static async Task<Queue<ArrivedDocument>?> ArriveAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        var contentType = request.ContentType ?? "";
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct).ConfigureAwait(false);
            return new Queue<ArrivedDocument>(form.Files.Select(file => new ArrivedDocument(file.Length, async token =>
            {
                await using var stream = file.OpenReadStream();
                return new SourceDocument(file.FileName, await RequestBody.ReadAsync(stream, limit, token, file.Length).ConfigureAwait(false));
            })));
        }
        if (contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            var name = request.Query["name"].FirstOrDefault() ?? "request.txt";
            return One(new SourceDocument(name, await RequestBody.ReadAsync(request.Body, limit, ct, request.ContentLength).ConfigureAwait(false)));
        }
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return One(FromJson(await RequestBody.ReadAsync(request.Body, limit, ct, request.ContentLength).ConfigureAwait(false)));
        }
        return null;

        static Queue<ArrivedDocument> One(SourceDocument document) => new([new ArrivedDocument(document.Content.Length, _ => Task.FromResult(document))]);
    }

    /// <summary>A document of the request whose bytes are here (in memory, or in the form's buffer file), loaded when its turn comes.</summary>
    private sealed record ArrivedDocument(long Bytes, Func<CancellationToken, Task<SourceDocument>> LoadAsync);

    /// <summary>A JSON body becomes a one-row JSONL corpus, so title, region and year become the parser's hints.</summary>
    private static SourceDocument FromJson(byte[] body)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new RequestException($"the body is not JSON: {e.Message}");
        }
        if (json?["text"] is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            throw new RequestException("the JSON body needs a \"text\" string (title, region and year are optional)");
        }
        return new SourceDocument("request.jsonl", JsonSerializer.SerializeToUtf8Bytes(json, GatewayJson.Default.JsonObject));
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var regions = await grains.RegionCatalog().ListAsync(null, null).ConfigureAwait(false);
        var summaries = new List<ReportSummary>();
        foreach (var year in regions.SelectMany(r => r.Years).Distinct().Order())
        {
            var members = await grains.YearCatalog(year).MembersAsync(null, null).ConfigureAwait(false);
            summaries.AddRange(members.Select(m => new ReportSummary(m.Region, m.Year, m.Title, m.Version, m.Flags, m.Targets.Count, m.Achievements.Count, m.Unread)));
        }
        return TypedResults.Ok(summaries);
    }

    private static async Task<IResult> MoveAsync(string regionCode, int year, RegionMove move, ReportCorrector corrector)
    {
        if (string.IsNullOrWhiteSpace(move?.Region))
        {
            throw new RequestException("the body needs \"region\": a six-digit code (230200) or a full name (齐齐哈尔市); \"year\" is optional");
        }
        IngestOutcome? outcome;
        try
        {
            outcome = await corrector.MoveAsync(ComparisonRequest.RegionCode(regionCode), year, move.Region, move.Year, move.Force ?? false, move.Held ?? false).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new RequestException(e.Message);
        }
        catch (MoveConflictException e)
        {
            return Problems.Status(StatusCodes.Status409Conflict, e.Message);
        }
        return outcome is null
            ? Problems.Status(StatusCodes.Status404NotFound, $"no report is {(move.Held == true ? "held" : "stored")} for region {regionCode} and year {year}")
            : TypedResults.Ok(outcome);
    }

    private static async Task<IResult> HeldAsync(IGrainFactory grains, Grains.Storage.IGrainStateReader states, CancellationToken ct)
    {
        var keys = await states.KeysAsync(Grains.ReportGrain.GrainTypeName, Grains.ReportGrain.HeldState, ct).ConfigureAwait(false);
        var held = new List<HeldReport>();
        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            // The grain, not the row, says whether one is held: a discarded one may leave an empty row behind.
            if (await grains.GetGrain<IReportGrain>(key).GetHeldAsync().ConfigureAwait(false) is { Report: { Region: { } region, Year: { } year } report } stored)
            {
                held.Add(new HeldReport(key, RegionRef.From(region), year, report.Title, report.Source.Input, stored.IngestedAt, report.Flags));
            }
        }
        return TypedResults.Ok(held);
    }

    private static async Task<IResult> DiscardHeldAsync(string regionCode, int year, IGrainFactory grains)
    {
        var grain = grains.Report(ComparisonRequest.RegionCode(regionCode), year);
        return await grain.GetHeldAsync().ConfigureAwait(false) is { } stored && await grain.DiscardHeldAsync(stored.SourceHash).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : Problems.Status(StatusCodes.Status404NotFound, $"no report is held for region {regionCode} and year {year}");
    }

    private static async Task<IResult> GetAsync(string regionCode, int year, bool? text, IGrainFactory grains)
    {
        var stored = await grains.Report(ComparisonRequest.RegionCode(regionCode), year)
            .GetAsync(text ?? false).ConfigureAwait(false);
        return stored is null
            ? Problems.Status(StatusCodes.Status404NotFound, $"no report is stored for region {regionCode} and year {year}")
            : TypedResults.Ok(stored);
    }
}

/// <summary>One stored report in the list: enough to pick it and to see its quality at a glance.</summary>
/// <param name="Unread">Clauses read as neither target nor achievement; null for a report parsed before they were counted.</param>
public sealed record ReportSummary(RegionRef Region, int Year, string? Title, int Version, IReadOnlyList<string> Flags, int Targets, int Achievements, int? Unread);

/// <summary>PUT /api/reports/{code}/{year}/region: where the report belongs.</summary>
/// <param name="Force">Replace a report of another source stored there; without it such a move answers 409.</param>
/// <param name="Held">Move the report held for review at this key (its region only guessed), not the stored one.</param>
public sealed record RegionMove(string? Region, int? Year, bool? Force = null, bool? Held = null);

/// <summary>A report held for review: not stored, because its region was only guessed while its key holds a resolved report.</summary>
/// <param name="Key">The key it waits at (region/year as guessed).</param>
/// <param name="Input">The file or upload it came from.</param>
public sealed record HeldReport(string Key, RegionRef Region, int Year, string? Title, string Input, DateTimeOffset HeldAt, IReadOnlyList<string> Flags);

