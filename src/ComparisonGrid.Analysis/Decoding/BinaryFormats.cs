using System.IO.Compression;

namespace ComparisonGrid.Analysis.Decoding;

/// <summary>
/// Tells the document formats that are not text (PDF, Word, Excel) by their bytes first and their name second: a
/// portal's download is often named .htm or nothing at all, and a .docx is a zip whatever it is called.
/// </summary>
public static class BinaryFormats
{
    public static InputFormat? Of(string name, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(name);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var head = content[..Math.Min(content.Length, 1024)];
        if (head.IndexOf("%PDF-"u8) >= 0)
        {
            return InputFormat.Pdf;
        }
        if (content.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            throw new InputFormatException(
                "an old binary Office file (.doc or .xls), which is not read: save it as .docx or .xlsx, or as text");
        }
        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            return ZipFormat(content, extension)
                ?? throw new InputFormatException("a zip archive that is neither a Word (.docx) nor an Excel (.xlsx) file; unpack it and ingest its files");
        }
        if (extension is ".pdf" or ".docx" or ".xlsx")
        {
            throw new InputFormatException($"named {extension} but not a {extension[1..].ToUpperInvariant()} file (its first bytes are not those of one)", "offset 0");
        }
        return null;
    }

    private static InputFormat? ZipFormat(ReadOnlySpan<byte> content, string extension)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            if (archive.GetEntry("word/document.xml") is not null)
            {
                return InputFormat.Docx;
            }
            if (archive.GetEntry("xl/workbook.xml") is not null)
            {
                return InputFormat.Xlsx;
            }
            return null;
        }
        catch (InvalidDataException)
        {
            throw new InputFormatException($"a damaged zip archive{(extension is ".docx" or ".xlsx" ? $" (named {extension})" : "")}");
        }
    }
}
