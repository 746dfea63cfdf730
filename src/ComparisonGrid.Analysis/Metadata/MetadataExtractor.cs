using System.Text.RegularExpressions;
using ComparisonGrid.Analysis.Decoding;
using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Splitting;

namespace ComparisonGrid.Analysis.Metadata;

/// <summary>
/// Title, region, year, meeting date, speaker and office of one report. The report's own words win over
/// its title and over corpus hints, and every fallback is flagged.
/// </summary>
public sealed partial class MetadataExtractor
{
    private const int HeadWindow = 2000;

    /// <summary>What a region-uncertain note tells the user to do.</summary>
    private const string HowToCorrect = "Correct it with PUT /api/reports/{code}/{year}/region or the ingest hint 'region'";

    /// <summary>How many opening lines may carry the speaker's office.</summary>
    private const int MaxHeadLines = 15;

    private readonly RegionResolver _regions;

    public MetadataExtractor(RegionResolver regions) => _regions = regions;

    [GeneratedRegex(@"(?<=^|\n)[ \t\u3000]*(?<title>(?<year>(?:\d{4}|[〇○零一二三四五六七八九]{4})年)?(?:度)?(?<name>[^\s。，,；;:：“”()（）>]{0,24}?)(?:人民)?政府工作报告)")]
    private static partial Regex Title();

    [GeneratedRegex(@"^[\s—\-－]*(?<org>[^\s，,。]{0,14}?)(?<office>代理?(?:省|市|区|县|州|旗|盟)长|(?:省|市|区|县|州|旗|盟)长|国务院总理|总理)[ \t\u3000]*(?<name>[\u4E00-\u9FFF·]{2,4}?)(?=\s|各位代表|$)")]
    private static partial Regex SpeakerWithOffice();

    [GeneratedRegex(@"^[\s—\-－]*(?<name>[\u4E00-\u9FFF·]{2,4})\s*各位代表")]
    private static partial Regex SpeakerOnly();

    [GeneratedRegex(@"(?<y>\d{4})年(?:度)?(?:政府)?(?:工作)?(?<kind>回顾|工作回顾|工作总结|工作安排|主要任务|重点工作|重点任务|工作任务|工作总体要求|总体要求|主要目标|政府工作)")]
    private static partial Regex YearHeading();

    [GeneratedRegex(@"^\s*[（(]?(?:上接|接上|接第)")]
    private static partial Regex ContinuationMark();

    public ReportMetadata Extract(ReportSegment segment, ReportHints hints)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(hints);
        var text = segment.Text;
        var head = text[..Math.Min(text.Length, HeadWindow)];
        var notes = new List<QualityNote>();

        var title = FindTitle(head);
        var meeting = MeetingLine.Pattern().Match(head);
        var meetingDate = meeting.Success ? DateBefore(head, meeting.Index) : null;

        var (speaker, office) = meeting.Success ? FindSpeaker(head, meeting.Index + meeting.Length) : (null, null);
        office ??= OfficeInHead(head);
        var region = ResolveRegion(text, title, meeting, office, hints, notes);
        var year = ResolveYear(text, title, meeting, meetingDate, hints, notes);

        if (title is null && !meeting.Success)
        {
            var continued = ContinuationMark().IsMatch(head);
            notes.Add(new QualityNote(QualityFlags.PartialReport, continued
                ? "the text continues a report from an earlier page (上接…): its beginning is missing"
                : "neither a title nor a meeting line: the report's beginning may be missing", 0, Math.Min(text.Length, 20)));
        }
        // A bare 政府工作报告 says less than the title a corpus row gives.
        var titleText = title is { } t && (t.Groups["year"].Success || t.Groups["name"].Length > 0) ? t.Groups["title"].Value
            : hints.Title ?? title?.Groups["title"].Value;
        return new ReportMetadata(titleText, region, year, meetingDate, speaker, office, notes);
    }

    private static Match? FindTitle(string head)
    {
        Match? first = null;
        foreach (Match m in Title().Matches(head))
        {
            if (m.Groups["year"].Success || m.Groups["name"].Length > 0)
            {
                return m;
            }
            first ??= m;
        }
        return first;
    }

    private Region? ResolveRegion(string text, Match? title, Match meeting, string? office, ReportHints hints, List<QualityNote> notes)
    {
        var context = text[..Math.Min(text.Length, 6000)];
        Division? fromMeeting = null;
        if (meeting.Success)
        {
            fromMeeting = meeting.Groups["national"].Success
                ? _regions.Catalog.ByCode(DivisionCatalog.NationalCode)
                : _regions.Resolve(meeting.Groups["body"].Value, context);
        }
        var titleName = title is { } t && t.Groups["name"].Length > 0 ? t.Groups["name"].Value : null;
        var fromTitle = titleName is null ? null : _regions.Resolve(titleName, context);
        var others = 0;
        if (titleName is not null && fromTitle is null && _regions.ResolveShortName(titleName, context, out others) is { } byShortName)
        {
            fromTitle = byShortName;
            if (others > 0 && fromMeeting is null)
            {
                notes.Add(new QualityNote(QualityFlags.RegionUncertain,
                    $"the title names {titleName} without its suffix, which {others + 1} divisions share; {byShortName.Name} {byShortName.Code} is a guess. {HowToCorrect}"));
            }
        }
        if (fromMeeting is not null && fromTitle is not null)
        {
            if (fromMeeting.Code != fromTitle.Code)
            {
                notes.Add(new QualityNote(QualityFlags.RegionAmbiguous,
                    $"the title names {fromTitle.Name} but the meeting line {fromMeeting.Name}; the meeting line is used",
                    meeting.Index, meeting.Index + meeting.Length));
                return _regions.ToRegion(fromMeeting, 0.8, "meeting-line");
            }
            return _regions.ToRegion(fromMeeting, 0.98, "title+meeting-line");
        }
        if (fromMeeting is not null)
        {
            return _regions.ToRegion(fromMeeting, 0.95, "meeting-line");
        }
        if (fromTitle is not null)
        {
            return _regions.ToRegion(fromTitle, 0.9, "title");
        }
        var fromHints = (hints.Region is { } r ? _regions.Catalog.ByCode(r) ?? _regions.Resolve(r, context) : null)
            ?? (hints.Title is { } ht && Title().Match(ht) is { Success: true } hm ? _regions.Resolve(hm.Groups["name"].Value, context) : null);
        if (fromHints is not null)
        {
            return _regions.ToRegion(fromHints, 0.85, "corpus-hint");
        }
        if (office is not null && office.Contains("总理", StringComparison.Ordinal))
        {
            // Only the State Council's premier delivers a work report as 总理.
            return _regions.ToRegion(_regions.Catalog.ByCode(DivisionCatalog.NationalCode)!, 0.9, "speaker-office");
        }
        var inferred = _regions.Infer(text, 0, text.Length, office);
        if (inferred is { } found)
        {
            notes.Add(new QualityNote(QualityFlags.RegionInferred,
                $"no title or meeting line names the region; inferred {found.Division.Name} from the places the text names"));
            if (found.Uncertain)
            {
                var candidates = string.Join("、", found.Candidates.Select(c => $"{c.Division.Name} {c.Division.Code} ({c.Score:0.#})"));
                notes.Add(new QualityNote(QualityFlags.RegionUncertain,
                    $"the evidence for {found.Division.Name} is weak; candidates: {candidates}. {HowToCorrect}"));
            }
            return _regions.ToRegion(found.Division, found.Confidence, "text");
        }
        notes.Add(new QualityNote(QualityFlags.RegionUnresolved, "the region could not be determined from title, meeting line or text"));
        return null;
    }

    private static int? ResolveYear(string text, Match? title, Match meeting, DateOnly? meetingDate, ReportHints hints, List<QualityNote> notes)
    {
        int? titleYear = title is { } t && t.Groups["year"].Success ? ChineseNumerals.Parse(t.Groups["year"].ValueSpan[..^1]) : null;
        int? contentYear = null;
        string? evidence = null;
        if (meetingDate is { } date)
        {
            // A report delivered in December plans for the year that follows.
            contentYear = date.Month == 12 ? date.Year + 1 : date.Year;
            evidence = $"delivered on {date:yyyy-MM-dd}";
        }
        else if (YearHeading().Match(text) is { Success: true } h)
        {
            var y = int.Parse(h.Groups["y"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            var review = h.Groups["kind"].Value is "回顾" or "工作回顾" or "工作总结";
            contentYear = review ? y + 1 : y;
            evidence = $"the heading \"{h.Value}\"";
        }
        if (contentYear is not null)
        {
            if (titleYear is not null && titleYear != contentYear)
            {
                notes.Add(new QualityNote(QualityFlags.YearMismatch,
                    $"the title says {titleYear} but the report was {evidence}: year {contentYear} is used",
                    title!.Index, title.Index + title.Length));
            }
            else if (titleYear is null && meetingDate is null)
            {
                notes.Add(new QualityNote(QualityFlags.YearInferred, $"no title or meeting date; year {contentYear} from {evidence}"));
            }
            return contentYear;
        }
        if (titleYear is not null)
        {
            return titleYear;
        }
        if (hints.Year is { } hinted)
        {
            notes.Add(new QualityNote(QualityFlags.YearInferred, $"year {hinted} taken from the corpus row"));
            return hinted;
        }
        notes.Add(new QualityNote(QualityFlags.YearUnknown, "no title year, meeting date or dated heading"));
        return null;
    }

    private static DateOnly? DateBefore(string head, int meetingIndex)
    {
        DateOnly? found = null;
        var from = Math.Max(0, meetingIndex - 40);
        foreach (Match m in ReportDate.Pattern().Matches(head[from..meetingIndex]))
        {
            found = ReportDate.FromMatch(m) ?? found;
        }
        return found;
    }

    /// <summary>The speaker's office on a line of its own near the top (市长　董诗强), when no meeting line gives it.</summary>
    private static string? OfficeInHead(string head)
    {
        var lines = 0;
        foreach (var line in head.Split('\n'))
        {
            if (++lines > MaxHeadLines)
            {
                break;
            }
            if (line.Length <= 30 && SpeakerWithOffice().Match(line) is { Success: true } m)
            {
                return m.Groups["office"].Value;
            }
        }
        return null;
    }

    private static (string? Speaker, string? Office) FindSpeaker(string head, int afterMeeting)
    {
        var window = head[afterMeeting..Math.Min(head.Length, afterMeeting + 80)];
        if (SpeakerWithOffice().Match(window) is { Success: true } m)
        {
            return (m.Groups["name"].Value, m.Groups["office"].Value);
        }
        if (SpeakerOnly().Match(window) is { Success: true } s)
        {
            return (s.Groups["name"].Value, null);
        }
        return (null, null);
    }
}
