namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>
/// Han characters in a document and how many of them have a simplified form: whether the document is in
/// traditional script is decided on the whole, so counts from parts of a text add up before any part is converted.
/// </summary>
public readonly record struct ScriptShare(int Han, int Traditional)
{
    // Simplified text holds a few characters that are also traditional keys (著, 乾, 麼); below this share of
    // convertible Han characters the text is simplified and converting it would only damage it.
    private const double TraditionalShare = 0.03;

    public bool IsTraditional => Han > 0 && (double)Traditional / Han >= TraditionalShare;

    public static ScriptShare operator +(ScriptShare a, ScriptShare b) => new(a.Han + b.Han, a.Traditional + b.Traditional);

    public static ScriptShare Add(ScriptShare left, ScriptShare right) => left + right;
}
