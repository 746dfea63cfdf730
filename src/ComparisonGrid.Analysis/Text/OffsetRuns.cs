namespace ComparisonGrid.Analysis.Text;

/// <summary>
/// Appends runs in text order, merging where the mapping continues, so that a map costs one entry per edit
/// rather than two integers per character.
/// </summary>
internal sealed class OffsetRuns(int capacity = 0)
{
    private OffsetRun[] _runs = capacity > 0 ? new OffsetRun[capacity] : [];
    private int _count;

    public int Length { get; private set; }

    /// <summary>The next <paramref name="length"/> characters are source characters from <paramref name="sourceStart"/> on.</summary>
    public void Copy(int sourceStart, int length)
    {
        if (length <= 0)
        {
            return;
        }
        if (_count == 0 || !_runs[_count - 1].Copy || _runs[_count - 1].SourceStart + (Length - _runs[_count - 1].Start) != sourceStart)
        {
            Add(OffsetRun.Copied(Length, sourceStart));
        }
        Length += length;
    }

    /// <summary>The next <paramref name="length"/> characters each stand for the source span [start, end).</summary>
    public void Span(int sourceStart, int sourceEnd, int length)
    {
        if (length <= 0)
        {
            return;
        }
        if (length == 1 && sourceEnd == sourceStart + 1)
        {
            Copy(sourceStart, 1);
            return;
        }
        sourceEnd = Math.Max(sourceEnd, sourceStart);
        if (_count == 0 || _runs[_count - 1].Copy || _runs[_count - 1].SourceStart != sourceStart || _runs[_count - 1].SourceEnd != sourceEnd)
        {
            Add(new OffsetRun(Length, sourceStart, sourceEnd));
        }
        Length += length;
    }

    /// <summary>The runs, trimmed only when much of the array is unused, since the copy would cost what it saves.</summary>
    public (OffsetRun[] Runs, int Count) Build() => _count < _runs.Length / 2 ? (_runs[.._count], _count) : (_runs, _count);

    private void Add(OffsetRun run)
    {
        if (_count == _runs.Length)
        {
            Array.Resize(ref _runs, Math.Max(16, _runs.Length + _runs.Length / 2));
        }
        _runs[_count++] = run;
    }
}
