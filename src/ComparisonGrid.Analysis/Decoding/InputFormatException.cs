namespace ComparisonGrid.Analysis.Decoding;

/// <summary>The input cannot be read; the message is one line a user can act on.</summary>
public sealed class InputFormatException : Exception
{
    public InputFormatException(string message, string? location = null)
        : base(message)
    {
        Location = location;
    }

    public InputFormatException()
    {
    }

    public InputFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Where in the input: <c>line 12</c>, <c>offset 4096</c>, or null for the whole input.</summary>
    public string? Location { get; }

    /// <summary>
    /// The input failed a document library (PdfPig, OpenXml): <paramref name="message"/> with the first line of the
    /// library's reason, which names the fault in the file, never its stack.
    /// </summary>
    internal static InputFormatException From(string message, Exception cause, string? location = null) =>
        new($"{message} ({cause.Message.Split('\n')[0].TrimEnd('.')})", location);
}
