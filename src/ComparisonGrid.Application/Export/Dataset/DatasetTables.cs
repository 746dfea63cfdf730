using ComparisonGrid.Application.Export.Tables;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Model;

namespace ComparisonGrid.Application.Export.Dataset;

/// <summary>
/// The tables of a dataset export, one per kind of fact, and the rows a stored report gives each. Every fact row
/// carries the report's code and year (its key in <c>reports</c>) and, where it was read from a sentence, the quote
/// and the offsets of that sentence in the report's source text.
/// </summary>
public static class DatasetTables
{
    private static readonly SectionKind[] Kinds = Enum.GetValues<SectionKind>();

    public static DatasetTable Reports { get; } = new("reports", "Every report exported, one row per region and year.",
    [
        Text("code"), Text("region"), Text("level"), Text("province"), Text("parent_code"), Whole("year"), Whole("version"), Text("title"),
        Text("meeting_date"), Text("speaker"), Text("office"), Text("flags"), Whole("characters"), Whole("target_count"), Whole("achievement_count"),
        Whole("unread_count"), Text("source"), Whole("source_row"), Text("format"), Text("encoding"), Text("source_sha256"), Text("ingested_at"),
        Text("engine_version"),
    ]);

    public static DatasetTable Targets { get; } = new("targets", "Every target of every report, one row per target, in the order of the report.",
    [
        Text("code"), Whole("year"), Text("indicator"), Text("label"), Text("metric"), Text("comparator"), Number("low"), Number("high"), Text("unit"),
        Flag("stretch"), Text("group"), Text("relation"), Text("reference"), Text("quote"), Whole("start"), Whole("end"),
    ]);

    public static DatasetTable Achievements { get; } = new("achievements", "Every achieved figure of every report's review, one row per figure.",
    [
        Text("code"), Whole("year"), Text("indicator"), Text("label"), Text("metric"), Whole("figure_year"), Text("comparator"), Number("low"),
        Number("high"), Text("unit"), Flag("estimated"), Text("quote"), Whole("start"), Whole("end"),
    ]);

    public static DatasetTable Themes { get; } = new("themes", "Every theme of every report, one row per report and theme, with its hits by kind of section.",
    [
        Text("code"), Whole("year"), Text("theme"), Text("label"), Whole("hits"), Number("per10k"),
        .. Kinds.Select(k => Whole("hits_" + WireNames.Of(k))),
    ]);

    public static DatasetTable Sections { get; } = new("sections", "Every section of every report's outline, one row per heading, parents before their children.",
    [
        Text("code"), Whole("year"), Text("number"), Text("title"), Text("kind"), Whole("depth"), Text("parent_number"), Whole("start"), Whole("end"),
    ]);

    public static DatasetTable Regions { get; } = new("regions", "Every region with a report in the export, one row per region.",
    [
        Text("code"), Text("region"), Text("level"), Text("parent_code"), Text("province"),
    ]);

    /// <summary>The tables in the order they are written and listed.</summary>
    public static IReadOnlyList<DatasetTable> All { get; } = [Reports, Targets, Achievements, Themes, Sections, Regions];

    public static object?[] ReportRow(StoredReport stored, string? sourceSha256)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var r = stored.Report;
        var region = r.Region!;
        return
        [
            region.Code, region.Name, WireNames.Of(region.Level), region.Province, region.ParentCode, r.Year, stored.Version, r.Title,
            r.MeetingDate, r.Speaker, r.Office, string.Join(';', r.Flags), r.Characters, r.Targets.Count, r.Achievements.Count,
            r.Unread?.Count, r.Source.Input, r.Source.Row, r.Source.Format, r.Source.Encoding, sourceSha256,
            stored.IngestedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), EngineVersion.Package,
        ];
    }

    public static IEnumerable<object?[]> TargetRows(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var t in report.Targets)
        {
            yield return
            [
                report.Region!.Code, report.Year, t.Indicator, t.Label, t.Metric, WireNames.Of(t.Comparator), t.Low, t.High, t.Unit, t.Stretch,
                t.Group, t.Relation, t.Reference, t.Quote, t.Start, t.End,
            ];
        }
    }

    public static IEnumerable<object?[]> AchievementRows(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var a in report.Achievements)
        {
            yield return
            [
                report.Region!.Code, report.Year, a.Indicator, a.Label, a.Metric, a.Year, WireNames.Of(a.Comparator), a.Low, a.High, a.Unit,
                a.Estimated, a.Quote, a.Start, a.End,
            ];
        }
    }

    public static IEnumerable<object?[]> ThemeRows(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        // A theme's hits are counted per top-level section; the section's kind sums them by kind.
        var kindOf = report.Sections.GroupBy(s => s.Number, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);
        foreach (var t in report.Themes)
        {
            var byKind = Kinds.ToDictionary(k => k, _ => 0);
            foreach (var hits in t.Sections)
            {
                byKind[kindOf.GetValueOrDefault(hits.Number, SectionKind.Other)] += hits.Hits;
            }
            yield return [report.Region!.Code, report.Year, t.Theme, t.Label, t.Hits, t.Per10K, .. Kinds.Select(k => (object?)byKind[k])];
        }
    }

    public static IEnumerable<object?[]> SectionRows(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var pending = new Stack<(Section Section, int Depth, string? Parent)>(report.Sections.Reverse().Select(s => (s, 1, (string?)null)));
        while (pending.Count > 0)
        {
            var (s, depth, parent) = pending.Pop();
            yield return [report.Region!.Code, report.Year, s.Number, s.Title, WireNames.Of(s.Kind), depth, parent, s.Start, s.End];
            foreach (var child in s.Children.Reverse())
            {
                pending.Push((child, depth + 1, s.Number));
            }
        }
    }

    public static object?[] RegionRow(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return [region.Code, region.Name, WireNames.Of(region.Level), region.ParentCode, region.Province];
    }

    private static TableColumn Text(string name) => new(name, ColumnType.Text);

    private static TableColumn Whole(string name) => new(name, ColumnType.Whole);

    private static TableColumn Number(string name) => new(name, ColumnType.Number);

    private static TableColumn Flag(string name) => new(name, ColumnType.Boolean);
}
