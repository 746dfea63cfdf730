namespace ComparisonGrid.Analysis.Text;

/// <summary>
/// Characters [Start, next run's Start) of a derived text and where they came from. A copy run (SourceEnd below
/// zero) maps character Start + k to the one source character SourceStart + k; any other run maps each of its
/// characters to the whole source span [SourceStart, SourceEnd) (a replacement, or an insertion when it is empty).
/// Twelve bytes: a pinyin-annotated input has a run per annotation, one every ten characters.
/// </summary>
internal readonly record struct OffsetRun(int Start, int SourceStart, int SourceEnd)
{
    public bool Copy => SourceEnd < 0;

    public static OffsetRun Copied(int start, int sourceStart) => new(start, sourceStart, -1);
}
