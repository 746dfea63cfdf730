using ComparisonGrid.Analysis;
using ComparisonGrid.Model;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Analysis.Tests;

/// <summary>The repository's samples/ (the seed reports) and this project's own fixtures.</summary>
internal static class TestData
{
    public static readonly ReportPipeline Pipeline = new();

    public static string RepositoryRoot => Repository.Root;

    public static string Sample(string prefix) => Repository.Sample(prefix);

    public static string Fixture(string name) => Fixtures.Path(name);

    public static ParseResult Parse(string path) =>
        Pipeline.Parse(new SourceDocument(path, File.ReadAllBytes(path)));

    /// <summary>The one report of a text given in the test, as a UTF-8 file named <paramref name="name"/>.</summary>
    public static Report ParseText(string text, string name = "report.txt") =>
        Assert.Single(Pipeline.Parse(new SourceDocument(name, System.Text.Encoding.UTF8.GetBytes(text))).Reports);

    public static Report Single(string path)
    {
        var result = Parse(path);
        Assert.Empty(result.Errors);
        return Assert.Single(result.Reports);
    }

    public static Target Target(Report report, string indicator, bool stretch = false) =>
        Assert.Single(report.Targets, t => t.Indicator == indicator && t.Stretch == stretch);
}
