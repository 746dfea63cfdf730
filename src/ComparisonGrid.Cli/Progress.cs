using System.Diagnostics;

namespace ComparisonGrid.Cli;

/// <summary>
/// Progress on stderr: a bar rewritten in place (files, reports, rate, ETA) on a terminal; otherwise a plain
/// line at most once a second, so logs stay readable.
/// </summary>
internal sealed class Progress(TextWriter stderr, int total, string verb)
{
    private const int BarWidth = 24;
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastLine;
    private int _files;
    private int _reports;

    private bool Live => !Console.IsErrorRedirected;

    public void Done(int reports)
    {
        lock (_lock)
        {
            _files++;
            _reports += reports;
            if (total <= 1)
            {
                return;
            }
            if (Live)
            {
                var filled = BarWidth * _files / total;
                stderr.Write($"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {Line()}");
            }
            else if (_clock.Elapsed - _lastLine >= TimeSpan.FromSeconds(1))
            {
                _lastLine = _clock.Elapsed;
                stderr.WriteLine(Line());
            }
        }
    }

    public void Finish()
    {
        if (total <= 1)
        {
            return;
        }
        var line = $"{verb} {_files}/{total} files, {_reports} reports in {_clock.Elapsed.TotalSeconds:0.0} s";
        stderr.WriteLine(Live ? $"\r{line}{new string(' ', BarWidth)}" : line);
    }

    private string Line()
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var eta = _files == 0 ? 0 : seconds / _files * (total - _files);
        return $"{verb} {_files}/{total} files, {_reports} reports, {_reports / seconds:0.0} reports/s, ETA {eta:0} s";
    }
}
