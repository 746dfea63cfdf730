namespace ComparisonGrid.Gateway.Operations;

/// <summary>What comparisons accept: the indicator ids (and their names in Chinese), the themes (id and label) and the levels.</summary>
public sealed record MetaView(IReadOnlyList<string> Indicators, IReadOnlyList<ThemeView> Themes, IReadOnlyList<string> Levels,
    IReadOnlyDictionary<string, string> IndicatorNames);
