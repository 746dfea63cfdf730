using System.Text.Json;
using System.Text.Json.Serialization;
using ComparisonGrid.Core;
using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis;

/// <summary>The JSON of shared/spec/targets.md: <c>{"reports": [...], "errors": [...]}</c>.</summary>
public sealed record ParseOutput(IReadOnlyList<Report> Reports, IReadOnlyList<InputError> Errors);

[JsonSerializable(typeof(ParseOutput))]
[JsonSerializable(typeof(Report))]
[JsonSerializable(typeof(Evaluation.EvalResult))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

public static class ReportJson
{
    /// <summary>The project's conventions, indented, every field of the contract present even when null.</summary>
    public static JsonSerializerOptions Options { get; } = ReadOnly(JsonConventions.Options(indented: true, keepNulls: true));

    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.TypeInfoResolver = ReportJsonContext.Default;
        options.MakeReadOnly();
        return options;
    }

    public static string Serialize(ParseOutput output) =>
        JsonSerializer.Serialize(output, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ParseOutput>)Options.GetTypeInfo(typeof(ParseOutput)));

    public static string Serialize(Evaluation.EvalResult result) =>
        JsonSerializer.Serialize(result, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Evaluation.EvalResult>)Options.GetTypeInfo(typeof(Evaluation.EvalResult)));

    public static ParseOutput? Deserialize(string json) =>
        JsonSerializer.Deserialize(json, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ParseOutput>)Options.GetTypeInfo(typeof(ParseOutput)));
}
