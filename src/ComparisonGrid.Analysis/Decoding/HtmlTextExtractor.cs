using System.Collections.Frozen;
using System.Net;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Decoding;

/// <summary>
/// Turns an HTML page into its readable text: scripts, styles and navigation are dropped, block elements
/// become line breaks, entities are decoded, and every character keeps its offset in the page.
/// </summary>
public sealed class HtmlTextExtractor
{
    private static readonly FrozenSet<string> SkippedElements = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "script", "style", "noscript", "nav", "header", "footer", "iframe", "svg",
        "select", "button", "template", "head");

    private static readonly FrozenSet<string> BlockElements = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
        "tr", "table", "section", "article", "title", "dd", "dt", "dl", "blockquote", "pre", "hr", "body", "main",
        "aside", "figure", "figcaption", "center");

    public static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 1024)).TrimStart();
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (head.StartsWith("<", StringComparison.Ordinal) && head.Contains("<body", StringComparison.OrdinalIgnoreCase))
            || ParagraphTags(text.AsSpan(0, Math.Min(text.Length, 8192))) >= MinParagraphTags;
    }

    /// <summary>Text cut out of a page (a corpus cell holding <c>&lt;p&gt;…&lt;/p&gt;&lt;p&gt;</c>) is HTML too, without a document head.</summary>
    private const int MinParagraphTags = 4;

    private static int ParagraphTags(ReadOnlySpan<char> head)
    {
        var count = 0;
        foreach (var tag in (string[])["<p>", "</p>", "<br>", "<br/>", "<br />"])
        {
            for (var rest = head; rest.IndexOf(tag, StringComparison.OrdinalIgnoreCase) is var at and >= 0; rest = rest[(at + tag.Length)..])
            {
                count++;
            }
        }
        return count;
    }

    public MappedText Extract(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var b = new MappedTextBuilder(html.Length);
        var i = 0;
        var pendingSpace = -1;
        var pendingBreak = -1;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var (next, isBlock) = SkipTag(html, i);
                if (isBlock && pendingBreak < 0)
                {
                    pendingBreak = i;
                }
                i = next;
                continue;
            }
            if (char.IsWhiteSpace(c) && c != '\u3000')
            {
                if (pendingSpace < 0)
                {
                    pendingSpace = i;
                }
                i++;
                continue;
            }
            string chunk;
            var start = i;
            if (c == '&' && TryEntity(html, i, out var decoded, out var entityEnd))
            {
                chunk = decoded;
                i = entityEnd;
            }
            else
            {
                chunk = c.ToString();
                i++;
            }
            if (chunk == "\u00A0")
            {
                pendingSpace = pendingSpace < 0 ? start : pendingSpace;
                continue;
            }
            if (pendingBreak >= 0)
            {
                if (b.Length > 0)
                {
                    b.Append('\n', pendingBreak, pendingBreak + 1);
                }
            }
            else if (pendingSpace >= 0 && b.Length > 0 && b.Last != '\n')
            {
                b.Append(' ', pendingSpace, pendingSpace + 1);
            }
            pendingBreak = -1;
            pendingSpace = -1;
            b.Append(chunk, start, i);
        }
        return b.Build();
    }

    private static (int Next, bool IsBlock) SkipTag(string html, int lt)
    {
        if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
        {
            var endComment = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
            return (endComment < 0 ? html.Length : endComment + 3, false);
        }
        var gt = html.IndexOf('>', lt + 1);
        if (gt < 0)
        {
            return (html.Length, false);
        }
        var p = lt + 1;
        var closing = p < gt && html[p] == '/';
        if (closing)
        {
            p++;
        }
        var nameStart = p;
        while (p < gt && (char.IsAsciiLetterOrDigit(html[p]) || html[p] == '-'))
        {
            p++;
        }
        var name = html[nameStart..p];
        if (!closing && SkippedElements.Contains(name) && html[gt - 1] != '/')
        {
            var close = html.IndexOf("</" + name, gt, StringComparison.OrdinalIgnoreCase);
            if (close < 0)
            {
                return (html.Length, true);
            }
            var closeGt = html.IndexOf('>', close);
            return (closeGt < 0 ? html.Length : closeGt + 1, true);
        }
        return (gt + 1, BlockElements.Contains(name));
    }

    private static bool TryEntity(string html, int amp, out string decoded, out int end)
    {
        decoded = "";
        end = amp;
        var semi = html.IndexOf(';', amp + 1, Math.Min(12, html.Length - amp - 1));
        if (semi < 0)
        {
            return false;
        }
        var entity = html.Substring(amp, semi - amp + 1);
        var text = WebUtility.HtmlDecode(entity);
        if (text == entity)
        {
            return false;
        }
        decoded = text;
        end = semi + 1;
        return true;
    }
}
