namespace ComparisonGrid.Analysis.Evaluation;

/// <summary>Recall of one indicator's labelled rows.</summary>
public sealed record IndicatorRecall(string Indicator, int Found, int Labelled)
{
    public double Recall => Labelled == 0 ? 1 : (double)Found / Labelled;
}

/// <summary>
/// One disagreement with the gold: <c>target</c> or <c>achieved</c> (a labelled row not extracted), <c>wrong</c>
/// (an extracted figure of a labelled indicator matching no gold row) or <c>region-year</c>.
/// </summary>
/// <param name="Quote">The gold's source sentence around the figure, so the miss can be read without opening the file.</param>
public sealed record EvalMiss(string Kind, string File, string Indicator, string Expected, string Got, string? Quote);

/// <summary>What <c>cgrid eval</c> measures: target and achieved recall, wrong figures, region and year.</summary>
public sealed record EvalResult(
    int Reports,
    int RegionYearRight,
    int TargetsFound,
    int TargetsLabelled,
    int WrongFigures,
    int FiguresCompared,
    int AchievedFound,
    int AchievedLabelled,
    IReadOnlyList<IndicatorRecall> Indicators,
    IReadOnlyList<IndicatorRecall> AchievedIndicators,
    IReadOnlyList<EvalMiss> Misses)
{
    public double TargetRecall => Ratio(TargetsFound, TargetsLabelled);

    public double AchievedRecall => Ratio(AchievedFound, AchievedLabelled);

    public double RegionYearAccuracy => Ratio(RegionYearRight, Reports);

    /// <summary>Wrong figures among the extracted targets of labelled indicators; 0 when none were compared.</summary>
    public double WrongRate => FiguresCompared == 0 ? 0 : (double)WrongFigures / FiguresCompared;

    private static double Ratio(int found, int of) => of == 0 ? 1 : (double)found / of;
}
