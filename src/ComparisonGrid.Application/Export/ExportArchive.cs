using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComparisonGrid.Application.Export.Tables;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;

namespace ComparisonGrid.Application.Export;

/// <summary>
/// The zip a comparison or a job exports: each comparison as CSV or Parquet (a panel also wide), reports.csv (or
/// .parquet), codebook.md and manifest.json. Entries are in a fixed order with a fixed timestamp, so the same data
/// gives the same bytes apart from the manifest's createdAt.
/// </summary>
public static class ExportArchive
{
    // Zip stores local times to two seconds from 1980; a fixed one keeps the archive's bytes a function of its content.
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <param name="numbered">Prefix each comparison's file with its position (a job's results, which may repeat a spec).</param>
    /// <param name="format">How each table is written: CSV (the default), or Parquet with typed columns.</param>
    public static async Task<byte[]> BuildAsync(IReadOnlyList<ComparisonResult> results, DateTimeOffset createdAt, bool numbered = false,
        TableFormat format = TableFormat.Csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        var extension = format.Extension();
        async Task<byte[]> Bytes(TextTable table) => await format.BytesAsync(table, cancellationToken).ConfigureAwait(false);
        var files = new List<(CodebookFile Description, byte[] Bytes)>();
        var comparisons = new List<ExportedComparison>();
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var stem = (numbered ? $"{i + 1:000}-" : "") + result.Spec.ToKey().Replace('/', '_');
            var table = ComparisonTable.For(result);
            comparisons.Add(new ExportedComparison(result.Spec.ToKey(), result.Spec, table.Count));
            var panel = result.Spec.Kind is ComparisonKind.Panel or ComparisonKind.ThemePanel;
            files.Add((new CodebookFile(stem + extension, $"The {WireNames.Of(result.Spec.Kind)} comparison {result.Spec.ToKey()}, one row per region{(panel ? " and year" : "")}.",
                table.Header, OtherColumn(result.Spec.Kind)), await Bytes(table).ConfigureAwait(false)));
            if (panel)
            {
                var wide = ComparisonTable.Wide(result);
                var figure = result.Spec.Kind == ComparisonKind.ThemePanel ? "theme's hits per 10,000 characters" : $"{WireNames.Of(result.Spec.Figure)} figure";
                files.Add((new CodebookFile($"{stem}-wide{extension}", $"The same panel, one row per region and one column per year holding the {figure}.",
                    wide.Header, ("unit column", "The figure of that year.")), await Bytes(wide).ConfigureAwait(false)));
            }
        }
        var reports = results.SelectMany(r => r.Reports ?? [])
            .DistinctBy(r => (r.Year, r.RegionCode, r.Version))
            .OrderBy(r => r.Year).ThenBy(r => r.RegionCode, StringComparer.Ordinal)
            .ToList();
        var reportTable = new TextTable("region", "code", "level", "year", "version", "hash", "source", "flags");
        foreach (var r in reports)
        {
            reportTable.Add(r.Region, r.RegionCode, WireNames.Of(r.Level), r.Year, r.Version, r.Hash, r.Source, string.Join(';', r.Flags));
        }
        files.Add((new CodebookFile("reports" + extension, "Every report the comparisons read, one row per region and year.", reportTable.Header),
            await Bytes(reportTable).ConfigureAwait(false)));
        var codebook = Codebook.Default.Render(files.Select(f => f.Description));
        files.Add((new CodebookFile("codebook.md", "", []), Utf8(codebook)));

        var manifest = new ExportManifest(
            "ComparisonGrid", EngineVersion.Package, EngineVersion.Commit, createdAt,
            comparisons,
            [.. files.Select(f => new ExportedFile(f.Description.Name, Convert.ToHexStringLower(SHA256.HashData(f.Bytes)), f.Bytes.LongLength))],
            reports);

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (description, bytes) in files.Prepend((new CodebookFile("manifest.json", "", []), ManifestJson(manifest))))
            {
                var entry = archive.CreateEntry(description.Name, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }
        return zip.ToArray();
    }

    /// <summary>The manifest of one comparison alone, without files: what a CSV or JSON download names as its provenance.</summary>
    public static ExportManifest Manifest(ComparisonResult result, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ExportManifest("ComparisonGrid", EngineVersion.Package, EngineVersion.Commit, createdAt,
            [new ExportedComparison(result.Spec.ToKey(), result.Spec, ComparisonTable.For(result).Count)], [], result.Reports ?? []);
    }

    public static byte[] ManifestJson(ExportManifest manifest) =>
        Utf8(JsonSerializer.Serialize(manifest, CliJson.Readable.ExportManifest) + "\n");

    private static (string, string) OtherColumn(ComparisonKind kind) => kind == ComparisonKind.Themes
        ? ("hits per 10,000 characters", "A theme's intensity in the region's report: keyword hits per 10,000 characters of text.")
        : ("", "");

    // CSV text starts with its BOM character; GetBytes adds none of its own to other files.
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
