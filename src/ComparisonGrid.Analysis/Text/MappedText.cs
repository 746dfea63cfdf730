namespace ComparisonGrid.Analysis.Text;

/// <summary>
/// Text together with, for each of its characters, the span of the original input it came from,
/// so that anything found after conversions can still cite its position in the input as given.
/// </summary>
public sealed class MappedText
{
    // Runs, not offsets per character: an input of tens of megabytes has a few thousand edits, and two integers per
    // character per pass cost four times the text. Null for an identity mapping, which most passes produce.
    private readonly OffsetRun[]? _runs;
    private readonly int _runCount;

    internal MappedText(string text, (OffsetRun[] Runs, int Count)? runs, int sourceLength)
    {
        Text = text;
        (_runs, _runCount) = runs is { } r ? (r.Runs, r.Count) : (null, 0);
        SourceLength = sourceLength;
    }

    public string Text { get; }

    public int SourceLength { get; }

    public int Length => Text.Length;

    /// <summary>Runs in the map: what it costs, for tests and benchmarks.</summary>
    public int RunCount => _runCount;

    public static MappedText Identity(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new MappedText(text, null, text.Length);
    }

    /// <summary>Source offset where the character at <paramref name="index"/> begins (index may be Length).</summary>
    public int SourceStart(int index)
    {
        if (index >= Text.Length)
        {
            return SourceLength;
        }
        if (_runs is null)
        {
            return index;
        }
        var run = _runs[RunAt(index)];
        return run.Copy ? run.SourceStart + (index - run.Start) : run.SourceStart;
    }

    /// <summary>Source offset just past a fragment ending (exclusively) at <paramref name="endExclusive"/>.</summary>
    public int SourceEnd(int endExclusive)
    {
        if (endExclusive <= 0 || Text.Length == 0)
        {
            return SourceStart(0);
        }
        var last = Math.Min(endExclusive, Text.Length) - 1;
        if (_runs is null)
        {
            return last + 1;
        }
        var run = _runs[RunAt(last)];
        return run.Copy ? run.SourceStart + (last - run.Start) + 1 : run.SourceEnd;
    }

    /// <summary>
    /// Expresses this text's offsets, which point into <paramref name="previous"/>.Text, directly in
    /// the offsets of <paramref name="previous"/>'s own source.
    /// </summary>
    public MappedText ComposeOnto(MappedText previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (_runs is null)
        {
            return previous.WithSameLengthText(Text);
        }
        if (previous._runs is null)
        {
            return new MappedText(Text, (_runs, _runCount), previous.SourceLength);
        }
        // Each run splits at most at the previous map's run boundaries.
        var composed = new OffsetRuns(_runCount + previous._runCount);
        for (var r = 0; r < _runCount; r++)
        {
            var run = _runs[r];
            var length = (r + 1 < _runCount ? _runs[r + 1].Start : Text.Length) - run.Start;
            if (run.Copy)
            {
                previous.CopyOnto(composed, run.SourceStart, length);
            }
            else
            {
                var start = previous.SourceStart(run.SourceStart);
                composed.Span(start, run.SourceEnd > run.SourceStart ? previous.SourceEnd(run.SourceEnd) : start, length);
            }
        }
        return new MappedText(Text, composed.Build(), previous.SourceLength);
    }

    /// <summary>The same mapping with characters replaced one for one (the length must not change).</summary>
    public MappedText WithSameLengthText(string text)
    {
        if (text.Length != Text.Length)
        {
            throw new ArgumentException("A one-for-one replacement must keep the length.", nameof(text));
        }
        return new MappedText(text, _runs is null ? null : (_runs, _runCount), SourceLength);
    }

    /// <summary>
    /// Appends this text's map to <paramref name="target"/>, its source offsets moved by <paramref name="sourceShift"/>:
    /// the map of one part of a text, in the offsets of the whole.
    /// </summary>
    internal void AppendTo(OffsetRuns target, int sourceShift)
    {
        if (_runs is null)
        {
            target.Copy(sourceShift, Text.Length);
            return;
        }
        CopyOnto(target, 0, Text.Length, sourceShift);
    }

    /// <summary>
    /// Appends the source mapping of this text's characters [from, from + length) to <paramref name="target"/>, its
    /// source offsets moved by <paramref name="sourceShift"/>.
    /// </summary>
    private void CopyOnto(OffsetRuns target, int from, int length, int sourceShift = 0)
    {
        var runs = _runs!;
        var r = from < Text.Length ? RunAt(from) : _runCount;
        while (length > 0)
        {
            if (r >= _runCount)
            {
                // Past the end of this text: such characters sit at the end of the source, as SourceStart says.
                target.Span(SourceLength + sourceShift, SourceLength + sourceShift, length);
                return;
            }
            var run = runs[r];
            var runEnd = r + 1 < _runCount ? runs[r + 1].Start : Text.Length;
            var piece = Math.Min(length, runEnd - from);
            if (run.Copy)
            {
                target.Copy(run.SourceStart + (from - run.Start) + sourceShift, piece);
            }
            else
            {
                target.Span(run.SourceStart + sourceShift, run.SourceEnd + sourceShift, piece);
            }
            from += piece;
            length -= piece;
            r++;
        }
    }

    /// <summary>The run holding character <paramref name="index"/> (0 ≤ index &lt; Length).</summary>
    private int RunAt(int index)
    {
        var runs = _runs!;
        int lo = 0, hi = _runCount - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (runs[mid].Start <= index)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
