using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComparisonGrid.Application.Export.Tables;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Model;

namespace ComparisonGrid.Application.Export.Dataset;

/// <summary>
/// The whole store, or a filtered part of it, as one table per kind of fact (<see cref="DatasetTables"/>)
/// with manifest.json and codebook.md: what research tools (pandas, R, Stata, DuckDB) read. Reports are read a few
/// at a time through their grains and written as they come, so memory does not grow with the store.
/// </summary>
public sealed class DatasetExporter(IGrainFactory grains, TimeProvider clock)
{
    /// <summary>Reports read at once: enough to hide a store round trip, few enough to hold little.</summary>
    private const int ReadWindow = 16;

    /// <summary>Writes the export into <paramref name="directory"/> (created if missing; files of the same names are replaced).</summary>
    /// <param name="progress">Hears the count of reports written so far, after each window.</param>
    public async Task<DatasetManifest> ExportAsync(string directory, TableFormat format, DatasetFilter filter, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Directory.CreateDirectory(directory);
        var keys = (await grains.RegionCatalog().ListAsync(filter.Level, filter.ProvinceCode).ConfigureAwait(false))
            .SelectMany(e => e.Years.Where(filter.TakesYear).Select(y => (Code: e.Region.Code, Year: y)))
            .OrderBy(k => k.Year).ThenBy(k => k.Code, StringComparer.Ordinal)
            .ToList();
        var tables = DatasetTables.All;
        var streams = new List<FileStream>();
        var writers = new List<ITableWriter>();
        try
        {
            foreach (var table in tables)
            {
                var stream = new FileStream(Path.Combine(directory, table.Name + format.Extension()), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                streams.Add(stream);
                writers.Add(await format.CreateWriterAsync(stream, table.Columns, cancellationToken).ConfigureAwait(false));
            }
            var (reports, targets, achievements, themes, sections, regionTable) = (writers[0], writers[1], writers[2], writers[3], writers[4], writers[5]);
            var regions = new SortedDictionary<string, Region>(StringComparer.Ordinal);
            var written = 0;
            foreach (var window in keys.Chunk(ReadWindow))
            {
                var read = await Task.WhenAll(window.Select(k => grains.Report(k.Code, k.Year).ReadOnceAsync())).ConfigureAwait(false);
                foreach (var stored in read)
                {
                    // Gone since the catalog was read (moved or removed meanwhile): nothing to export.
                    if (stored?.Report is not { Region: { } region } report)
                    {
                        continue;
                    }
                    regions.TryAdd(region.Code, region);
                    await reports.AddAsync(DatasetTables.ReportRow(stored, stored.SourceText is { } text ? Utf8Sha256.Hex(text) : null), cancellationToken).ConfigureAwait(false);
                    await AddAllAsync(targets, DatasetTables.TargetRows(report), cancellationToken).ConfigureAwait(false);
                    await AddAllAsync(achievements, DatasetTables.AchievementRows(report), cancellationToken).ConfigureAwait(false);
                    await AddAllAsync(themes, DatasetTables.ThemeRows(report), cancellationToken).ConfigureAwait(false);
                    await AddAllAsync(sections, DatasetTables.SectionRows(report), cancellationToken).ConfigureAwait(false);
                    written++;
                }
                progress?.Report(written);
            }
            await AddAllAsync(regionTable, regions.Values.Select(DatasetTables.RegionRow), cancellationToken).ConfigureAwait(false);
            foreach (var writer in writers)
            {
                await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var writer in writers)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
            foreach (var stream in streams)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
        var files = new List<ExportedFile>();
        foreach (var table in tables)
        {
            files.Add(await DescribeAsync(Path.Combine(directory, table.Name + format.Extension()), cancellationToken).ConfigureAwait(false));
        }
        var codebook = Encoding.UTF8.GetBytes(Codebook.Default.Render(tables.Select(t => new CodebookFile(t.Name + format.Extension(), t.Description, [.. t.Columns.Select(c => c.Name)]))));
        await File.WriteAllBytesAsync(Path.Combine(directory, "codebook.md"), codebook, cancellationToken).ConfigureAwait(false);
        files.Add(await DescribeAsync(Path.Combine(directory, "codebook.md"), cancellationToken).ConfigureAwait(false));
        var manifest = new DatasetManifest("ComparisonGrid", EngineVersion.Package, EngineVersion.Commit, clock.GetUtcNow(),
            format == TableFormat.Parquet ? "parquet" : "csv", new DatasetScope(filter.Level, filter.ProvinceCode, filter.From, filter.To),
            [.. tables.Select((t, i) => new DatasetFile(t.Name, t.Name + format.Extension(), writers[i].Rows))], files);
        await File.WriteAllTextAsync(Path.Combine(directory, "manifest.json"), JsonSerializer.Serialize(manifest, CliJson.Readable.DatasetManifest) + "\n", cancellationToken)
            .ConfigureAwait(false);
        return manifest;
    }

    /// <summary>The files of an export directory as a zip (manifest first), written to <paramref name="zip"/>.</summary>
    public static async Task ZipAsync(string directory, DatasetManifest manifest, Stream zip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        await using var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var name in manifest.Files.Select(f => f.Name).Prepend("manifest.json"))
        {
            // Parquet is compressed already; zipping it again costs time for nothing.
            var entry = archive.CreateEntry(name, name.EndsWith(".parquet", StringComparison.Ordinal) ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
            await using var target = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var source = File.OpenRead(Path.Combine(directory, name));
            await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task AddAllAsync(ITableWriter writer, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            await writer.AddAsync(row, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<ExportedFile> DescribeAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return new ExportedFile(Path.GetFileName(path), Convert.ToHexStringLower(hash), stream.Length);
    }
}
