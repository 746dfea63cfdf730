using ComparisonGrid.Application.Export;
using ComparisonGrid.Application.Export.Dataset;
using ComparisonGrid.Application.Export.Tables;
using ComparisonGrid.Application.Requests;

namespace ComparisonGrid.Cli;

/// <summary>
/// <c>cgrid export DIR</c>: every stored fact (or those of a level, a province, a span of years) as one table per
/// kind, Parquet by default, with manifest.json and codebook.md, for pandas, R, Stata and DuckDB.
/// </summary>
internal sealed class ExportCommand(IGrainFactory grains, TextWriter stdout, TextWriter stderr)
{
    public async Task<int> RunAsync(CommandLine cl, CancellationToken cancellationToken)
    {
        var (directory, format, filter) = Arguments(cl);
        var exporter = new DatasetExporter(grains, TimeProvider.System);
        var progress = new Progress<int>(n => stderr.Write($"\r{n} reports written"));
        var manifest = await exporter.ExportAsync(directory, format, filter, progress, cancellationToken).ConfigureAwait(false);
        await stderr.WriteLineAsync().ConfigureAwait(false);
        var t = new TextTable("table", "file", "rows", "bytes");
        foreach (var table in manifest.Tables)
        {
            t.Add(table.Table, table.File, table.Rows, manifest.Files.Single(f => f.Name == table.File).Bytes);
        }
        await stdout.WriteAsync(t.ToTable()).ConfigureAwait(false);
        await stdout.WriteLineAsync($"written to {Path.GetFullPath(directory)} with manifest.json and codebook.md").ConfigureAwait(false);
        return manifest.Tables[0].Rows == 0 ? 1 : 0;
    }

    /// <summary>The command's arguments, checked before a silo starts: a typo costs nothing.</summary>
    public static (string Directory, TableFormat Format, DatasetFilter Filter) Arguments(CommandLine cl)
    {
        if (cl.Positional.Count != 1)
        {
            throw new UsageException("export needs one folder to write the tables to: export ./dataset");
        }
        TableFormat format;
        try
        {
            format = TableFormats.Parse(cl.Value("--format"));
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--format: {e.Message}");
        }
        var filter = new DatasetFilter(GridArguments.Level(cl), GridArguments.Province(cl), Year(cl, "--from"), Year(cl, "--to"));
        if (filter is { From: { } from, To: { } to } && from > to)
        {
            throw new UsageException($"--from {from} is after --to {to}");
        }
        return (cl.Positional[0], format, filter);
    }

    private static int? Year(CommandLine cl, string name)
    {
        if (cl.Value(name) is not { } text)
        {
            return null;
        }
        try
        {
            return ComparisonRequest.Year(text);
        }
        catch (RequestException e)
        {
            throw new UsageException($"{name}: {e.Message}");
        }
    }
}
