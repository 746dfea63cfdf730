using ComparisonGrid.Application;
using ComparisonGrid.Core;
using ComparisonGrid.Application.Requests;
using Microsoft.AspNetCore.Diagnostics;

namespace ComparisonGrid.Gateway;

/// <summary>Turns what went wrong into problem details with the right status; never a stack trace.</summary>
internal sealed partial class GatewayExceptionHandler(IProblemDetailsService problems, ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            RequestException e => (StatusCodes.Status400BadRequest, e.Message),
            TooManyRequestsException e => (StatusCodes.Status429TooManyRequests, e.Message),
            PayloadTooLargeException e => (StatusCodes.Status413PayloadTooLarge, e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "the request body is over the size limit"),
            InvalidDataException e when e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase) => (StatusCodes.Status413PayloadTooLarge, "the request body is over the size limit"),
            BadHttpRequestException e => (e.StatusCode, e.Message),
            TimeoutException => (StatusCodes.Status503ServiceUnavailable, "the grid did not answer in time; try again"),
            GatewayBusyException e => (StatusCodes.Status503ServiceUnavailable, e.Message),
            // Caught where it surfaced in a request: the memory went with the request's objects, the next may fit.
            OutOfMemoryException or InsufficientMemoryException => (StatusCodes.Status503ServiceUnavailable, "the gateway ran short of memory for this request; try again shortly"),
            StorageUnavailableException => (StatusCodes.Status503ServiceUnavailable, "the state store is unavailable (restarting or unreachable); try again shortly"),
            _ when GridFaults.IsNodeUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "a silo of the cluster is unavailable (leaving, or failed and not yet declared dead); try again shortly"),
            _ => (StatusCodes.Status500InternalServerError, "the server failed to handle the request; the error is in its log"),
        };
        if (status >= 500)
        {
            LogFailure(logger, exception, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        var retryAfter = exception switch
        {
            TooManyRequestsException e => e.RetryAfterSeconds,
            GatewayBusyException e => e.RetryAfterSeconds,
            OutOfMemoryException or InsufficientMemoryException => 5,
            _ when status == StatusCodes.Status503ServiceUnavailable => 1,
            _ => (int?)null,
        };
        if (retryAfter is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Detail = detail },
            Exception = exception,
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "request {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string path);
}

/// <summary>The body is larger than the gateway accepts (ComparisonGrid:MaxRequestBytes).</summary>
internal sealed class PayloadTooLargeException(string message) : Exception(message);
