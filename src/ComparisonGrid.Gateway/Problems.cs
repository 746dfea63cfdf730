using Microsoft.AspNetCore.Http.HttpResults;

namespace ComparisonGrid.Gateway;

/// <summary>RFC 7807 problem details with the status and a detail that names what was wrong.</summary>
internal static class Problems
{
    public static ProblemHttpResult Status(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}
