using Microsoft.AspNetCore.Diagnostics;

namespace Calliyo.Server.Errors;

/// <summary>
/// Turns an unhandled exception into a 500 in the error envelope without its stack trace, and
/// a request body larger than the limit into a 413. The exception is logged with the request's
/// trace id so the reply can be matched to the log.
/// </summary>
public sealed partial class ExceptionHandling(ILogger<ExceptionHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            await ApiErrors.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
                "The request body is larger than this endpoint accepts.").ExecuteAsync(httpContext);
            return true;
        }

        LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier);
        await ApiErrors.Create(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError,
            $"The server failed to process the request; quote trace id {httpContext.TraceIdentifier} when reporting it.")
            .ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Unhandled error for {Method} {Path} (trace id {TraceId})")]
    private partial void LogUnhandled(Exception exception, string method, string path, string traceId);
}
