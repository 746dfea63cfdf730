using ComparisonGrid.Analysis;
using ComparisonGrid.Cli;

const string Usage = """
    usage: cgrid <command> [options]

    commands:
      parse <file|folder>...   parse reports (txt, html, csv, jsonl; UTF-8, UTF-16, GB18030, Big5) to JSON
          --out FILE             write the JSON to FILE instead of stdout
          --text-column NAME     the CSV column / JSONL field with the report text (default: detected)
          --max-size MB          refuse inputs larger than this (default 20)
      bench parse [file|folder]...  parse throughput, single thread and all cores (default: samples/)
          --seconds N            time per measurement (default 5)

    exit codes: 0 all inputs parsed, 2 some inputs failed (named on stderr), 64 usage error
    """;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
Console.OutputEncoding = System.Text.Encoding.UTF8;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.Out.WriteLine(Usage);
    return args.Length == 0 ? 64 : 0;
}

try
{
    var pipeline = new ReportPipeline();
    var rest = args.Skip(1);
    return args[0] switch
    {
        "parse" => await new ParseCommand(pipeline, Console.Out, Console.Error)
            .RunAsync(CommandLine.Parse(rest, new HashSet<string>(), new HashSet<string> { "--out", "--text-column", "--max-size" }), cts.Token),
        "bench" => await new BenchCommand(pipeline, Console.Out)
            .RunAsync(CommandLine.Parse(rest, new HashSet<string>(), new HashSet<string> { "--seconds" }), cts.Token),
        _ => throw new UsageException($"unknown command '{args[0]}'"),
    };
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync($"cgrid: {e.Message}\n\n{Usage}");
    return 64;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("cgrid: cancelled");
    return 130;
}
