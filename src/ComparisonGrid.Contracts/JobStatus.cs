using System.Text.Json.Serialization;

namespace ComparisonGrid.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
[GenerateSerializer, Alias("cg.JobStatus")]
public enum JobStatus
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("done")] Done,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
