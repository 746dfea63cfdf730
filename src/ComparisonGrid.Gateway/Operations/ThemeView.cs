namespace ComparisonGrid.Gateway.Operations;

public sealed record ThemeView(string Id, string Label);
