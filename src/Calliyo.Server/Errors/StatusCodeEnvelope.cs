using Microsoft.AspNetCore.Diagnostics;

namespace Calliyo.Server.Errors;

/// <summary>
/// Gives the error envelope to responses that the framework sends without a body, such as 404 for
/// an unknown path or 405 for a wrong method, so clients see one error shape everywhere.
/// </summary>
public static class StatusCodeEnvelope
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var (code, message) = status switch
        {
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, $"No endpoint matches {http.Request.Method} {http.Request.Path}; see /docs for the API."),
            StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", $"{http.Request.Method} is not allowed on {http.Request.Path}."),
            StatusCodes.Status415UnsupportedMediaType => (ErrorCodes.UnsupportedMediaType, $"Content-Type '{http.Request.ContentType}' is not accepted here."),
            _ => ($"http_{status}", $"The request failed with HTTP {status}."),
        };

        return ApiErrors.Create(status, code, message).ExecuteAsync(http);
    }
}
