using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>
/// Runs the normalisation passes in the order they depend on each other: mojibake first (it needs the
/// characters exactly as scraped), then pinyin readings, then script, then number forms.
/// </summary>
/// <remarks>
/// The passes work on parts of whole lines, since nothing they look for crosses a line, and the normalised text is
/// written once from the parts: a pass writes a part, not a copy of an input of tens of megabytes beside the last
/// one, and a part nothing changed is not copied until then. What is decided on the whole document (whether
/// toneless readings go, whether it is in traditional script) is counted over all parts before any is changed.
/// </remarks>
public sealed class TextNormaliser
{
    // 64 KB of characters: parts stay below the large object heap, where garbage waits for a full collection.
    private const int PartCharacters = 32 * 1024;

    private readonly MojibakeRepairer _mojibake;
    private readonly PinyinAnnotationRemover _pinyin;
    private readonly ScriptConverter _script;
    private readonly NumberFormNormaliser _numbers;

    public TextNormaliser(MojibakeRepairer mojibake, PinyinAnnotationRemover pinyin, ScriptConverter script, NumberFormNormaliser numbers)
    {
        _mojibake = mojibake;
        _pinyin = pinyin;
        _script = script;
        _numbers = numbers;
    }

    /// <param name="input">The text, with offsets into the input as given (identity for plain text files).</param>
    public NormalisedText Normalise(MappedText input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text;
        var parts = Parts(text);
        var survey = SurveyParts(input, parts);
        var (notes, readings, share) = (survey.Notes, survey.Readings, survey.Share);
        if (!readings.AnyToRemove && !share.IsTraditional && survey.RepairedParts == 0)
        {
            return new NormalisedText(_numbers.Normalise(input), notes);
        }

        // A run per removed reading and per repaired run at most, and one where parts meet.
        var work = new Rewrite(this, text, parts, readings, share.IsTraditional, readings.ToRemove + survey.RepairedRuns + parts.Count + 16);
        IEnumerable<(string Text, int Start, int Length)> pieces;
        int length;
        if (!share.IsTraditional || survey.KeepsLength)
        {
            // The length is known before a part is changed, so each part is written where it belongs as it is made.
            pieces = work.Parts();
            length = text.Length + survey.RepairedDelta - readings.CharactersToRemove;
        }
        else
        {
            var made = work.Parts().ToList();
            (pieces, length) = (made, made.Sum(p => p.Length));
        }
        var normalised = string.Create(length, pieces, static (span, pieces) =>
        {
            var at = 0;
            foreach (var (piece, start, count) in pieces)
            {
                piece.AsSpan(start, count).CopyTo(span[at..]);
                at += count;
            }
            if (at != span.Length)
            {
                throw new InvalidOperationException($"the normalised parts hold {at} characters where {span.Length} were counted");
            }
            // Number forms change one character for one and look no further than the next line, so they are changed
            // where the text is written.
            NumberFormNormaliser.NormaliseInPlace(span);
        });
        if (readings.AnyToRemove)
        {
            notes.Add(PinyinAnnotationRemover.Note(work.Removed));
        }
        if (share.IsTraditional)
        {
            notes.Add(ScriptConverter.Note(work.Changed));
        }
        return new NormalisedText(new MappedText(normalised, work.Map.Build(), text.Length).ComposeOnto(input), notes);
    }

    /// <summary>
    /// The first reading: mojibake repaired and noted, and what the whole document decides counted. The repaired
    /// parts are not kept (a page that is mojibake throughout would keep a second copy of itself); they are repaired
    /// again as they are written.
    /// </summary>
    private Survey SurveyParts(MappedText input, List<(int Start, int End)> parts)
    {
        var text = input.Text;
        var survey = new Survey();
        var partNotes = new List<QualityNote>();
        foreach (var (start, end) in parts)
        {
            partNotes.Clear();
            var repaired = _mojibake.RepairPart(text, start, end, partNotes);
            foreach (var note in partNotes)
            {
                survey.Notes.Add(note.Start is int s && note.End is int e
                    ? note with { Start = input.SourceStart(start + s), End = input.SourceEnd(start + e) }
                    : note);
            }
            // Removing readings takes no Han character away, so the script share is the same before and after.
            var (source, from, to) = repaired is null ? (text, start, end) : (repaired.Text, 0, repaired.Length);
            survey.Readings += _pinyin.Count(source, from, to);
            survey.Share += _script.Share(source.AsSpan(from, to - from));
            survey.KeepsLength &= _script.KeepsLength(source.AsSpan(from, to - from));
            if (repaired is not null)
            {
                survey.RepairedParts++;
                survey.RepairedRuns += repaired.RunCount;
                survey.RepairedDelta += repaired.Length - (end - start);
            }
        }
        return survey;
    }

    /// <summary>What the first reading found.</summary>
    private sealed class Survey
    {
        public List<QualityNote> Notes { get; } = [];

        public PinyinReadings Readings { get; set; }

        public ScriptShare Share { get; set; }

        /// <summary>Script conversion keeps the length of every part, so the result can be sized before it is written.</summary>
        public bool KeepsLength { get; set; } = true;

        public int RepairedParts { get; set; }

        public int RepairedRuns { get; set; }

        /// <summary>Characters repairs added (negative: removed).</summary>
        public int RepairedDelta { get; set; }
    }

    /// <summary>The second reading: each part through the passes the whole document called for, and its map.</summary>
    private sealed class Rewrite(
        TextNormaliser normaliser, string text, List<(int Start, int End)> parts, PinyinReadings readings, bool traditional, int runCapacity)
    {
        private readonly List<QualityNote> _notesAgain = [];

        public OffsetRuns Map { get; } = new(runCapacity);

        public int Removed { get; private set; }

        public int Changed { get; private set; }

        /// <summary>Each part's normalised characters as a range of a string; the map grows with them.</summary>
        public IEnumerable<(string Text, int Start, int Length)> Parts()
        {
            foreach (var (start, end) in parts)
            {
                // The part so far: a range of a string, and its map into the part of the input (null while unchanged).
                // Its notes were taken on the first reading.
                _notesAgain.Clear();
                var current = normaliser._mojibake.RepairPart(text, start, end, _notesAgain);
                var (source, from, to) = current is null ? (text, start, end) : (current.Text, 0, current.Length);
                if (readings.AnyToRemove && normaliser._pinyin.RemovePart(source, from, to, readings.WithToneless) is (MappedText kept, var count))
                {
                    current = current is null ? kept : kept.ComposeOnto(current);
                    (source, from, to) = (kept.Text, 0, kept.Length);
                    Removed += count;
                }
                if (traditional)
                {
                    var (simplified, converted) = normaliser._script.SimplifyPart(source, from, to);
                    current = current is null ? simplified : simplified.ComposeOnto(current);
                    (source, from, to) = (simplified.Text, 0, simplified.Length);
                    Changed += converted;
                }
                if (current is null)
                {
                    Map.Copy(start, end - start);
                }
                else
                {
                    current.AppendTo(Map, start);
                }
                yield return (source, from, to - from);
            }
        }
    }

    /// <summary>Parts of whole lines of about <see cref="PartCharacters"/> each; a line longer than that is one part.</summary>
    private static List<(int Start, int End)> Parts(string text)
    {
        var parts = new List<(int, int)>();
        for (var start = 0; start < text.Length;)
        {
            var newline = start + PartCharacters < text.Length ? text.IndexOf('\n', start + PartCharacters) : -1;
            var end = newline < 0 ? text.Length : newline + 1;
            parts.Add((start, end));
            start = end;
        }
        return parts;
    }
}
