namespace ComparisonGrid.Model;

/// <summary>The flags a parsed report can carry; each is explained by one or more <see cref="QualityNote"/>s.</summary>
public static class QualityFlags
{
    public const string TraditionalScript = "traditional-script";
    public const string PinyinRemoved = "pinyin-annotations-removed";
    public const string MojibakeRepaired = "mojibake-repaired";
    public const string MojibakeUnresolved = "mojibake-unresolved";
    public const string PageChromeRemoved = "page-chrome-removed";
    public const string RegionInferred = "region-inferred-from-text";
    public const string RegionUnresolved = "region-unresolved";
    public const string RegionAmbiguous = "region-ambiguous";
    public const string PartialReport = "partial-report";
    public const string YearMismatch = "year-mismatch";
    public const string YearInferred = "year-inferred";
    public const string YearUnknown = "year-unknown";
    public const string NoTargets = "no-targets-found";
    public const string TargetsUnreadable = "targets-unreadable";
    public const string RegionUncertain = "region-uncertain";
    public const string RegionCorrected = "region-corrected";
    public const string NoSections = "no-sections-found";
    public const string CpiIndex = "cpi-index";

    /// <summary>Many clauses name an indicator beside a figure and were read as no target (cgrid parse --explain lists them).</summary>
    public const string TargetsIncomplete = "targets-incomplete";

    /// <summary>Many review clauses name an indicator beside a figure and were read as no achievement.</summary>
    public const string AchievementsIncomplete = "achievements-incomplete";
}
