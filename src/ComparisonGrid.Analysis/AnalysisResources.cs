using System.Collections.Frozen;
using System.Reflection;
using ComparisonGrid.Analysis.Metadata;
using ComparisonGrid.Analysis.Normalisation;
using ComparisonGrid.Analysis.Sections;
using ComparisonGrid.Analysis.Splitting;
using ComparisonGrid.Analysis.Targets;
using ComparisonGrid.Analysis.Text;
using ComparisonGrid.Analysis.Themes;

namespace ComparisonGrid.Analysis;

/// <summary>
/// The reference data the pipeline reads: divisions, OpenCC, lexicons. Loaded once from the assembly's
/// embedded data files and immutable afterwards, so one instance serves every parse on every thread.
/// </summary>
public sealed class AnalysisResources
{
    private static readonly Lazy<AnalysisResources> Embedded = new(Load);

    private AnalysisResources(
        OpenCcTables openCc,
        CommonCharacters common,
        DivisionCatalog divisions,
        IndicatorLexicon indicators,
        ThemeLexicon themes,
        SectionKindRules sectionKinds,
        PageChrome pageChrome,
        AchievementScope achievementScope,
        IReadOnlySet<string> commonWordNames,
        IReadOnlyDictionary<string, string> indicatorNames)
    {
        IndicatorNames = indicatorNames;
        CommonWordNames = commonWordNames;
        AchievementScope = achievementScope;
        OpenCc = openCc;
        Common = common;
        Divisions = divisions;
        Indicators = indicators;
        Themes = themes;
        SectionKinds = sectionKinds;
        PageChrome = pageChrome;
    }

    /// <summary>The data files shipped inside this assembly.</summary>
    public static AnalysisResources Default => Embedded.Value;

    public OpenCcTables OpenCc { get; }

    public CommonCharacters Common { get; }

    public DivisionCatalog Divisions { get; }

    public IndicatorLexicon Indicators { get; }

    public ThemeLexicon Themes { get; }

    public SectionKindRules SectionKinds { get; }

    public PageChrome PageChrome { get; }

    public AchievementScope AchievementScope { get; }

    /// <summary>Short division names that are common words (common-word-names.txt): no evidence without their suffix.</summary>
    public IReadOnlySet<string> CommonWordNames { get; }

    /// <summary>Each indicator id's name in Chinese (indicator-names.tsv), shown beside the id.</summary>
    public IReadOnlyDictionary<string, string> IndicatorNames { get; }

    private static AnalysisResources Load()
    {
        var openCc = new OpenCcTables(Read("opencc.TSCharacters.txt"), Read("opencc.TSPhrases.txt"));
        var indicators = new IndicatorLexicon(Read("lexicons.indicators.tsv"), Read("lexicons.indicator-label-variants.tsv"));
        var names = DataFile.Rows(Read("lexicons.indicator-names.tsv")).ToFrozenDictionary(r => r[0], r => r[1], StringComparer.Ordinal);
        if (indicators.AllIds.FirstOrDefault(id => !names.ContainsKey(id)) is { } unnamed)
        {
            throw new InvalidOperationException($"indicator-names.tsv has no name for the indicator {unnamed} of indicators.tsv");
        }
        return new AnalysisResources(
            openCc,
            new CommonCharacters(openCc.CharacterPairs),
            new DivisionCatalog(Read("divisions.provinces.csv"), Read("divisions.cities.csv"), Read("divisions.areas.csv"), Read("lexicons.region-aliases.tsv")),
            indicators,
            new ThemeLexicon(Read("lexicons.themes.tsv")),
            new SectionKindRules(Read("lexicons.section-kinds.tsv"), Read("lexicons.section-content.tsv")),
            new PageChrome(Read("lexicons.page-chrome.txt")),
            new AchievementScope(Read("lexicons.achievement-scope.tsv")),
            DataFile.Rows(Read("lexicons.common-word-names.txt")).Select(r => r[0]).ToFrozenSet(StringComparer.Ordinal),
            names);
    }

    internal static string Read(string name)
    {
        var assembly = typeof(AnalysisResources).Assembly;
        var resource = "ComparisonGrid.Analysis.Data." + name;
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded data file {resource} is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
