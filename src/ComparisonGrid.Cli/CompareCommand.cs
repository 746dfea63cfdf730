using System.Text.Json;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Application.Export;
using ComparisonGrid.Application.Export.Tables;
using ComparisonGrid.Application.Requests;

namespace ComparisonGrid.Cli;

/// <summary><c>cgrid compare &lt;kind&gt;</c>: asks the comparison grain and prints its result as a table, CSV or JSON.</summary>
internal sealed class CompareCommand(IGrainFactory grains, TextWriter stdout, TextWriter stderr, TimeProvider clock)
{
    public static ComparisonSpec Spec(CommandLine cl)
    {
        if (cl.Positional.Count == 0)
        {
            throw new UsageException("compare needs a kind: indicator, themes, provinces, hierarchy, attainment, panel or theme-panel");
        }
        return GridArguments.Read(() => ComparisonRequest.Spec(cl.Positional[0], cl.Positional.Count > 1 ? cl.Positional[1] : null,
            cl.Value("--year"), cl.Value("--level"), cl.Value("--province"), cl.Value("--kind"), cl.Value("--from"), cl.Value("--to")));
    }

    public async Task<int> RunAsync(CommandLine cl)
    {
        var spec = Spec(cl);
        var format = GridArguments.Format(cl);
        var result = await grains.Comparison(spec).GetAsync().ConfigureAwait(false);
        var table = cl.Has("--wide") && spec.Kind is ComparisonKind.Panel or ComparisonKind.ThemePanel ? ComparisonTable.Wide(result) : ComparisonTable.For(result);
        if ((cl.Value("--zip") is { } zip && !await WriteAsync(zip, () => ExportArchive.BuildAsync([result], clock.GetUtcNow())).ConfigureAwait(false))
            || (cl.Value("--parquet") is { } parquet && !await WriteAsync(parquet, () => TableFormat.Parquet.BytesAsync(table, CancellationToken.None)).ConfigureAwait(false)))
        {
            return 73;
        }
        if (format == "json")
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(result, CliJson.Readable.ComparisonResult)).ConfigureAwait(false);
            return 0;
        }
        await stdout.WriteAsync(format == "csv" ? table.ToCsv() : table.ToTable()).ConfigureAwait(false);
        if (format == "table")
        {
            if (result.Stats is { } s)
            {
                await stdout.WriteLineAsync($"n={s.N} mean={s.Mean} median={s.Median} min={s.Min} max={s.Max} std={s.Std}{(s.Unit is null ? "" : $" ({s.Unit})")}").ConfigureAwait(false);
            }
            if (result.Note is { } note)
            {
                await stdout.WriteLineAsync($"note: {note}").ConfigureAwait(false);
            }
            await stdout.WriteLineAsync($"version {result.Version}").ConfigureAwait(false);
        }
        if (table.Count == 0)
        {
            await stderr.WriteLineAsync($"cgrid: no stored report matches {spec.ToKey()} (ingest reports first, or check --year, --level and --province)").ConfigureAwait(false);
        }
        return 0;
    }

    /// <summary>Writes a file the user asked for beside the output; false (said on stderr) when it cannot be written.</summary>
    private async Task<bool> WriteAsync(string path, Func<Task<byte[]>> build)
    {
        try
        {
            await File.WriteAllBytesAsync(path, await build().ConfigureAwait(false)).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"cgrid: cannot write {path}: {e.Message}").ConfigureAwait(false);
            return false;
        }
    }
}
