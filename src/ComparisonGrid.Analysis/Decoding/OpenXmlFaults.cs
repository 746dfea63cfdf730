using DocumentFormat.OpenXml.Packaging;

namespace ComparisonGrid.Analysis.Decoding;

/// <summary>What OpenXml throws for a Word or Excel file that is not one (a damaged zip, a missing part, bad XML).</summary>
internal static class OpenXmlFaults
{
    public static bool IsUnreadableFile(Exception e) =>
        e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException;
}
