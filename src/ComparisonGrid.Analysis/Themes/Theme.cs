namespace ComparisonGrid.Analysis.Themes;

/// <summary>A policy theme (乡村振兴) and the terms that signal it.</summary>
public sealed record Theme(string Id, string Label, IReadOnlyList<string> Terms);
