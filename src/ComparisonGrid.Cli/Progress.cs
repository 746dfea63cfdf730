namespace ComparisonGrid.Cli;

/// <summary>One progress line on stderr: rewritten in place on a terminal, printed once at the end otherwise.</summary>
internal sealed class Progress(TextWriter stderr, int total)
{
    private readonly Lock _lock = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private int _files;
    private int _reports;

    private bool Live => total > 1 && !Console.IsErrorRedirected;

    public void Done(int reports)
    {
        lock (_lock)
        {
            _files++;
            _reports += reports;
            if (Live)
            {
                stderr.Write($"\rparsed {_files}/{total} files, {_reports} reports");
            }
        }
    }

    public void Finish()
    {
        if (total <= 1)
        {
            return;
        }
        var line = $"parsed {_files}/{total} files, {_reports} reports in {_clock.Elapsed.TotalSeconds:0.0} s";
        stderr.WriteLine(Live ? "\r" + line : line);
    }
}
