using System.Globalization;
using System.Text;
using ComparisonGrid.Analysis;
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
        var divisions = AnalysisResources.Default.Divisions;
        var counties = divisions.All
            .Where(d => d.Level is RegionLevel.County or RegionLevel.Prefecture && divisions.ByName(d.Name).Count == 1 && d.Name.Length >= 2)
            .Take(count)
            .ToList();
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
}
