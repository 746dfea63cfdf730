using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>
/// Runs the normalisation passes in the order they depend on each other: mojibake first (it needs the
/// characters exactly as scraped), then pinyin readings, then script, then number forms.
/// </summary>
public sealed class TextNormaliser
{
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
        var notes = new List<QualityNote>();
        var current = input;
        foreach (var pass in new Func<string, NormalisationPass>[] { _mojibake.Repair, _pinyin.Remove, _script.Convert })
        {
            var result = pass(current.Text);
            foreach (var note in result.Notes)
            {
                notes.Add(note.Start is int s && note.End is int e
                    ? note with { Start = current.SourceStart(s), End = current.SourceEnd(e) }
                    : note);
            }
            current = result.Text.ComposeOnto(current);
        }
        return new NormalisedText(_numbers.Normalise(current), notes);
    }
}
