using System.Globalization;
using ComparisonGrid.Contracts;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains.Tests;

/// <summary>
/// A national series, one State Council report a year from 1954, written the way each era heads its report; the
/// bodies use the words that are also county names (合作, 资源, 和平, 解放, 前进, 安定) on every line.
/// </summary>
public sealed class NationalSeriesTests
{
    private const int First = 1954;
    private const int Last = 2026;

    private static string Head(int year) => year switch
    {
        < 1980 => $"政府工作报告\n——{year}年3月5日在第一届全国人民代表大会第{year - First + 1}次会议上\n国务院总理 周恩来\n",
        < 2005 => $"{year}年国务院政府工作报告\n",
        < 2015 => $"{year}年中华人民共和国国务院政府工作报告\n——{year}年3月5日在第十届全国人民代表大会第三次会议上\n国务院总理 温家宝\n",
        _ => $"政府工作报告\n——{year}年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n",
    };

    // Stated growth of year y: 5 + (y mod 4) tenths, so neighbouring years differ and a wrong year shows.
    private static double Growth(int year) => 5 + (year % 4) / 10.0;

    private static string Report(int year) =>
        Head(year) + "各位代表：\n一、" + (year - 1).ToString(CultureInfo.InvariantCulture) + "年工作回顾\n"
        + $"过去一年，国内生产总值增长{Growth(year - 1).ToString(CultureInfo.InvariantCulture)}%。五年来国内生产总值年均增长9.9%。"
        + string.Concat(Enumerable.Repeat("我们深化国际合作，合理开发资源，维护世界和平，坚持解放思想，奋勇前进，保持安定团结。", 8))
        + $"\n二、{year}年工作安排\n今年经济社会发展的主要预期目标是：国内生产总值增长{Growth(year).ToString(CultureInfo.InvariantCulture)}%左右，居民消费价格涨幅3%左右。\n"
        + string.Concat(Enumerable.Repeat("全国各族人民要团结合作，开发资源，维护和平。", 6)) + "\n";

    [Fact]
    public async Task Every_year_files_under_the_nation_and_attainment_reads_the_next_year_s_stated_figure()
    {
        var folder = Directory.CreateTempSubdirectory("cgrid-national-").FullName;
        try
        {
            for (var year = First; year <= Last; year++)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, $"{year}.txt"), Report(year));
            }
            await using var grid = await Grid.StartAsync();
            var (code, _, err) = await grid.IngestAsync(folder);
            Assert.True(code == 0, err);

            var regions = await grid.Grains.RegionCatalog().ListAsync(null, null);
            var nation = Assert.Single(regions);
            Assert.Equal(("100000", RegionLevel.National), (nation.Region.Code, nation.Region.Level));
            Assert.Equal(Enumerable.Range(First, Last - First + 1), nation.Years);

            foreach (var year in (int[])[1954, 1979, 2004, 2014, 2025])
            {
                var spec = new ComparisonSpec(ComparisonKind.Attainment, year, RegionLevel.National, null, "gdp_growth");
                var row = Assert.Single((await grid.Grains.Comparison(spec).GetAsync()).Attainment!);
                Assert.Equal(Growth(year), row.Target.Low);
                // The achieved figure is the one the next report states for this year, never the five-year 年均 9.9.
                Assert.Equal(Growth(year), row.Achieved!.Low);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
