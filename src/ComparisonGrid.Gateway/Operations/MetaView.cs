namespace ComparisonGrid.Gateway.Operations;

/// <summary>What comparisons accept: the indicator ids, the themes (id and label) and the levels.</summary>
public sealed record MetaView(IReadOnlyList<string> Indicators, IReadOnlyList<ThemeView> Themes, IReadOnlyList<string> Levels);
