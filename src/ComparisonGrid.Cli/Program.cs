using ComparisonGrid.Analysis;
using ComparisonGrid.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

const string Usage = """
    usage: cgrid <command> [options]

    commands:
      parse <file|folder>...   parse reports to JSON: text, HTML, Markdown, PDF (its text layer), Word .docx; corpora
                               of a report a row as CSV, JSONL or Excel .xlsx; UTF-8, UTF-16, GB18030, Big5
          --out FILE             write the JSON to FILE instead of stdout
          --explain              list, per report, the clauses naming an indicator beside a figure that were read
                                 as neither a target nor an achievement (quote and offset), instead of the JSON
          --text-column NAME     the CSV column / JSONL field with the report text (default: detected)
          --max-size MB          refuse inputs larger than this (default 20)
      --max-report-chars N   refuse a report longer than this, naming where it starts (default 500000)
      eval <targets.tsv> <texts-folder> [--achieved achieved.tsv] [--format table|json] [--min-recall X]
                               score the parser against hand-labelled gold (tests/corpus/dev/README.md): recall per
                               indicator and overall, wrong figures, region+year, every miss with its sentence;
                               exit 1 when target recall is below X (0-1)
      ingest <file|folder>...  parse and store reports in the data directory (same options as parse)
      compare indicator <id> --year Y [--level L] [--province P] [--kind target|achieved]
      compare provinces <id> --year Y [--level L] [--kind target|achieved]
      compare hierarchy <id> --year Y [--level L] [--province P]
      compare attainment <id> --year Y [--level L] [--province P]
      compare themes --year Y [--level L] [--province P]
      compare panel <id> --from Y --to Y [--level L] [--province P] [--kind target|achieved|attainment] [--wide]
                               one row per region and year (target, achieved, hit, gap to the parent);
                               --wide: regions × years
      compare theme-panel <theme> --from Y --to Y [--level L] [--province P] [--wide]
                               one row per region and year: the theme's hits and hits per 10,000 characters
          --format table|csv|json   (default table; CSV carries a UTF-8 BOM for Excel)
          --zip FILE             also write FILE: the CSV with manifest.json (engine, spec, every report's
                                 hash and source), codebook.md and reports.csv
          --parquet FILE         also write the table (wide with --wide) as Parquet, typed columns
      export <folder> [--format parquet|csv] [--level L] [--province P] [--from Y] [--to Y]
                               every stored fact as one table per kind: reports, targets, achievements, themes,
                               sections, regions (Parquet: typed, zstd; or CSV), with manifest.json (engine,
                               filter, rows and SHA-256 of every file) and codebook.md; read them with pandas, R,
                               DuckDB (examples/)
      regions [--province P] [--level L] [--format table|csv|json]
      report <region> <year>   one stored report as JSON (region by name or code)
      changes <region> <year> [--format table|csv|json]
                               what changed from the region's report of the year before: targets raised,
                               lowered, added, dropped (both quotes), themes that rose or fell, sections
      migrate --from-data-dir DIR [--postgres CONNECTION | --data-dir DIR]
                               import the reports, corrections and jobs of a data directory (this release's or
                               the one before Orleans) into PostgreSQL or another data directory; what the target
                               has already is left alone, so a run that stopped is resumed by running it again
      bench parse [file|folder]...  parse throughput, single thread and all cores (default: samples/)
      bench calls              grain call throughput and latency, 1 and 64 callers, beside a Channel hand-off
      bench ingest [--reports N]    parse + store synthetic 45,000-character reports in SQLite (default 400)
      bench compare [--regions N]   cold and warm comparison queries over N regions (default 3000)
      bench ingest --scale [--regions N] [--years N] [--characters N] [--postgres CONNECTION] [--data-dir DIR]
                               N regions × N years of synthetic reports (default 3000 × 20 of 18,000
                               characters) into an empty SQLite folder or PostgreSQL database: ingest rate
                               per tenth of the run, data on disk, memory, restart to a served region list
      bench compare --scale [same options]
                               restart on that data (ingesting first into an empty store), then a cold and a
                               warm 20-year county panel
      bench export --scale [same options]
                               export that data (ingesting first into an empty store) as Parquet for a quarter,
                               a half and all of the years, and as CSV for all: time, bytes on disk, the highest
                               working set and managed heap during each
      bench http --url URL[,URL…] (--api-key KEY | --reads-only) [--connections N] [--subscribers N]
                               load on running gateways (several: one cluster): comparison requests/s and
                               latency (default 64 connections), then ingest → SSE delivery time to N
                               subscribers (default 1000)
      bench bare --url GATEWAY [--port N]
                               serve the gateway's benchmark comparison as fixed bytes from a bare minimal-API
                               endpoint (default port 7700), the floor for bench http --reads-only
      bench bodies [report.txt] --url GATEWAY --api-key KEY [--mb 48] [--parallel 6] [--rows 12000]
                               large bodies on a running gateway: N texts of M MB at once (the gateway's peak
                               memory), then JSONL corpora of one region and year at growing row counts
      bench failover --cluster-dir DIR [--reports N]
                               on a cluster of deploy/local-cluster.sh: kill -9 its last silo, time until it is
                               marked Dead and until every report (default 300) is read again through the first
          --seconds N            time per measurement (default 5)

    levels: national, province, prefecture, county; provinces by name (河北省, 河北) or code (130000)
    every command that stores or reads reports takes --data-dir DIR (default ./data), or works on a running
    cluster instead with --cluster CONNECTION (its PostgreSQL) --silo-certificate FILE --silo-key FILE
    --cluster-authority FILE (a certificate the cluster's authority issued; deploy/local-cluster.sh makes one)

    exit codes: 0 done, 1 nothing found, 2 some inputs failed (named on stderr), 64 usage error,
                69 the state store or the cluster is unavailable
    """;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
Console.OutputEncoding = System.Text.Encoding.UTF8;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.Out.WriteLine(Usage);
    return args.Length == 0 ? 64 : 0;
}

HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);
var gridOptions = Set("--data-dir", "--year", "--level", "--province", "--kind", "--format", "--from", "--to");
var clusterOptions = Set("--cluster", "--silo-certificate", "--silo-key", "--cluster-authority");

try
{
    var pipeline = new ReportPipeline();
    var rest = args.Skip(1).ToList();
    switch (args[0])
    {
        case "parse":
            return await new ParseCommand(pipeline, Console.Out, Console.Error).RunAsync(CommandLine.Parse(rest, ParseCommand.Flags, ParseCommand.Valued), cts.Token);
        case "eval":
            return await new EvalCommand(pipeline, Console.Out, Console.Error)
                .RunAsync(CommandLine.Parse(rest, Set(), Set("--achieved", "--format", "--min-recall")), cts.Token);
        case "bench":
            return await new ComparisonGrid.Cli.Bench.BenchCommand(pipeline, Console.Out)
                .RunAsync(CommandLine.Parse(rest, Set("--reads-only", "--scale"), Set("--seconds", "--reports", "--regions", "--url", "--api-key", "--connections", "--subscribers", "--postgres", "--port", "--mb", "--parallel", "--rows", "--years", "--characters", "--data-dir", "--cluster-dir")), cts.Token);
        case "migrate":
            return await new MigrateCommand(Console.Out, Console.Error)
                .RunAsync(CommandLine.Parse(rest, Set(), Set("--from-data-dir", "--data-dir", "--postgres")), cts.Token);
        case "ingest" or "compare" or "regions" or "report" or "changes" or "export":
        {
            var cl = CommandLine.Parse(rest, args[0] == "compare" ? Set("--wide") : Set(),
                Set([.. args[0] switch { "ingest" => Set("--data-dir", "--text-column", "--max-size", "--max-report-chars"), "compare" => [.. gridOptions, "--zip", "--parquet"], _ => gridOptions },
                     .. clusterOptions]));
            // Validate before starting the silo, so a typo costs nothing and never creates a data directory.
            if (args[0] == "compare")
            {
                CompareCommand.Spec(cl);
            }
            else if (args[0] == "export")
            {
                ExportCommand.Arguments(cl);
            }
            using var host = cl.Has("--cluster") ? await GridHost.ConnectAsync(cl, cts.Token) : await GridHost.StartAsync(GridArguments.DataDirectory(cl), cts.Token);
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            try
            {
                return args[0] switch
                {
                    "ingest" => await new IngestCommand(pipeline, grains, Console.Out, Console.Error).RunAsync(cl, cts.Token),
                    "compare" => await new CompareCommand(grains, Console.Out, Console.Error, TimeProvider.System).RunAsync(cl),
                    "regions" => await new RegionsCommand(grains, Console.Out).ListAsync(cl),
                    "export" => await new ExportCommand(grains, Console.Out, Console.Error).RunAsync(cl, cts.Token),
                    "changes" => await new RegionsCommand(grains, Console.Out).ChangesAsync(cl, Console.Error),
                    _ => await new RegionsCommand(grains, Console.Out).ReportAsync(cl, Console.Error),
                };
            }
            finally
            {
                // Deactivates every grain, which writes the catalogs' batched changes.
                await host.StopAsync(CancellationToken.None);
            }
        }
        default:
            throw new UsageException($"unknown command '{args[0]}'");
    }
}
catch (ComparisonGrid.Hosting.GridConfigurationException e)
{
    await Console.Error.WriteLineAsync($"cgrid: {e.Message}");
    return 64;
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync($"cgrid: {e.Message}\n\n{Usage}");
    return 64;
}
catch (ClusterUnreachableException e)
{
    await Console.Error.WriteLineAsync($"cgrid: {e.Message}");
    return 69;
}
catch (ComparisonGrid.Core.StorageUnavailableException e)
{
    await Console.Error.WriteLineAsync($"cgrid: {e.Message}");
    return 69;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("cgrid: cancelled");
    return 130;
}
