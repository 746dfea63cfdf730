using System.Globalization;
using System.Text;
using ComparisonGrid.Analysis;
using ComparisonGrid.Analysis.Metadata;
using ComparisonGrid.Model;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// Reports for regions the seeds do not cover, built from a seed's shape: a title and meeting line naming the
/// region, a 主要预期目标 passage with figures that vary by region, then a seed's body repeated to the length asked.
/// Only counties and prefectures whose name is unique in the country are used, so every title resolves to one region.
/// </summary>
internal static class SyntheticReports
{
    public static IEnumerable<(string Name, byte[] Content)> Generate(string bodySource, int count, int year, int characters)
    {
        var body = File.ReadAllText(bodySource);
        var counties = UniquelyNamed().Take(count).ToList();
        if (counties.Count < count)
        {
            throw new BenchUsageException($"only {counties.Count} counties and prefectures have a unique name; ask for fewer reports");
        }
        for (var i = 0; i < counties.Count; i++)
        {
            var name = counties[i].Name;
            var gdp = 4 + (i % 40) / 10.0;
            var text = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"{year}年{name}人民政府工作报告\n")
                .Append(CultureInfo.InvariantCulture, $"——{year}年1月{1 + (i % 28)}日在{name}第十届人民代表大会第三次会议上\n")
                .Append(CultureInfo.InvariantCulture, $"今年经济社会发展的主要预期目标是：地区生产总值增长{gdp:0.0}%左右，一般公共预算收入增长{3 + (i % 5)}%，城镇新增就业{1000 + i}人，居民消费价格涨幅3%左右。\n");
            while (text.Length < characters)
            {
                text.Append(body).Append('\n');
            }
            yield return ($"synthetic/{counties[i].Code}.txt", Encoding.UTF8.GetBytes(text.ToString()));
        }
    }

    /// <summary>
    /// A panel's worth of reports, year after year as they would arrive: every prefecture with a unique name, then
    /// counties with one, up to <paramref name="regions"/>; each report reviews the year before (achieved figures)
    /// and sets this year's targets, with figures that vary by region and year. Built as they are asked for, so tens
    /// of thousands cost the memory of one.
    /// </summary>
    public static IEnumerable<(string Name, byte[] Content)> Panel(string bodySource, int regions, int firstYear, int years, int characters)
    {
        var body = File.ReadAllText(bodySource);
        var chosen = UniquelyNamed().OrderBy(d => d.Level == RegionLevel.Prefecture ? 0 : 1).ThenBy(d => d.Code, StringComparer.Ordinal).Take(regions).ToList();
        if (chosen.Count < regions)
        {
            throw new BenchUsageException($"only {chosen.Count} counties and prefectures have a unique name; ask for fewer regions");
        }
        for (var year = firstYear; year < firstYear + years; year++)
        {
            for (var i = 0; i < chosen.Count; i++)
            {
                var (name, whole) = (chosen[i].Name, chosen[i].Level == RegionLevel.Prefecture ? "全市" : "全县");
                var target = 4 + ((i * 7) + year) % 40 / 10.0;
                var achieved = 3 + ((i * 11) + year) % 50 / 10.0;
                var text = new StringBuilder()
                    .Append(CultureInfo.InvariantCulture, $"{year}年{name}人民政府工作报告\n")
                    .Append(CultureInfo.InvariantCulture, $"——{year}年1月{1 + (i % 28)}日在{name}第十七届人民代表大会第五次会议上\n")
                    .Append(CultureInfo.InvariantCulture, $"一、{year - 1}年工作回顾\n过去一年，{whole}地区生产总值增长{achieved:0.0}%，一般公共预算收入增长{2 + (i % 4)}%，城镇新增就业{900 + i}人。\n")
                    .Append(CultureInfo.InvariantCulture, $"二、{year}年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长{target:0.0}%左右，一般公共预算收入增长{3 + (i % 5)}%，城镇新增就业{1000 + i}人，居民消费价格涨幅3%左右。\n");
                while (text.Length < characters)
                {
                    text.Append(body).Append('\n');
                }
                yield return ($"synthetic/{year}/{chosen[i].Code}.txt", Encoding.UTF8.GetBytes(text.ToString(0, Math.Min(text.Length, characters))));
            }
        }
    }

    /// <summary>The body the synthetic reports repeat: a simplified-script seed (运城 2024, which starts mid-report).</summary>
    public static string BodySource() =>
        Directory.EnumerateFiles("samples", "002_*").FirstOrDefault()
        ?? throw new BenchUsageException("bench ingest and bench compare build reports from samples/002_*; run them from the repository root");

    private static IEnumerable<Division> UniquelyNamed()
    {
        var divisions = AnalysisResources.Default.Divisions;
        return divisions.All.Where(d => d.Level is RegionLevel.County or RegionLevel.Prefecture && divisions.ByName(d.Name).Count == 1 && d.Name.Length >= 2);
    }
}
