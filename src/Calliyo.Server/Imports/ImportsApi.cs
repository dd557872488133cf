using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Calliyo.Domain.Tokens;
using Calliyo.Grains.Contracts;
using Calliyo.Server.Auth;
using Calliyo.Server.Errors;
using Calliyo.Server.Http;
using Calliyo.Storage.Imports;

namespace Calliyo.Server.Imports;

/// <summary>
/// The CSV import endpoints under <c>/v1/imports</c>; every one needs the scope
/// <c>imports:write</c>. Each handler reads the request, makes one call to the job's
/// <see cref="IImportJobGrain"/> and maps the reply; the listing reads the job table.
/// </summary>
public static class ImportsApi
{
    /// <summary>Max size of an options body, in bytes.</summary>
    public const long MaxOptionsBodyBytes = 64 * 1024;

    /// <summary>Max imports on one page of the listing.</summary>
    public const int MaxPageSize = 200;

    /// <summary>How often the event stream sends the job while it is not finished.</summary>
    public static readonly TimeSpan EventInterval = TimeSpan.FromMilliseconds(400);

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/v1/imports").RequireScope(TokenScopes.ImportsWrite);

        imports.MapPost("/", UploadAsync);
        imports.MapGet("/", ListAsync);
        imports.MapGet("/{id}", GetAsync);
        imports.MapGet("/{id}/preview", GetPreviewAsync);
        imports.MapPut("/{id}/options", SetOptionsAsync);
        imports.MapPost("/{id}/start", StartAsync);
        imports.MapPost("/{id}/cancel", CancelAsync);
        imports.MapGet("/{id}/events", StreamEventsAsync);
        imports.MapGet("/{id}/errors.csv", GetErrorReportAsync);

        return app;
    }

    private static async Task<IResult> UploadAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var start = false;
        if (query.TryGetValue("start", out var startText) && !bool.TryParse(startText, out start))
        {
            return ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                $"Query parameter 'start' is '{startText}'; use start=true to import at once, or leave it out to preview first.");
        }

        var (content, fileName, error) = await ImportUploadReader.ReadAsync(http.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var id = Guid.CreateVersion7();
        var upload = new ImportUpload(fileName ?? query["fileName"].FirstOrDefault(), content!, ImportOptionsReader.FromQuery(query), start);
        var reply = await grains.GetGrain<IImportJobGrain>(id).CreateAsync(http.User.GetAccountId(), upload);

        return reply.Status == ImportReplyStatus.Ok
            ? Results.Created($"/v1/imports/{id}", ImportJobBody.From(reply.Job!, reply.Preview))
            : ToError(reply, id.ToString());
    }

    private static async Task<IResult> ListAsync(HttpContext http, ImportJobStore jobs, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var limit = 50;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, out limit) || limit is < 1 or > MaxPageSize))
        {
            return ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                $"Query parameter 'limit' is '{limitText}'; use a number from 1 to {MaxPageSize}.");
        }

        Guid? before = null;
        if (query.TryGetValue("before", out var beforeText))
        {
            if (!Guid.TryParse(beforeText, out var cursor))
            {
                return ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                    $"Query parameter 'before' is '{beforeText}'; use the nextBefore value of the previous page.");
            }

            before = cursor;
        }

        var page = await jobs.ListAsync(http.User.GetAccountId(), before, limit, cancellationToken);
        var next = page.Count == limit ? page[^1].Id : (Guid?)null;
        return Results.Ok(new ImportListBody([.. page.Select(ImportJobBody.From)], next));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var jobId))
        {
            return NotFound(id);
        }

        var reply = await grains.GetGrain<IImportJobGrain>(jobId).GetAsync(http.User.GetAccountId());
        return ToResult(reply, id);
    }

    private static async Task<IResult> GetPreviewAsync(string id, HttpContext http, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var jobId))
        {
            return NotFound(id);
        }

        var reply = await grains.GetGrain<IImportJobGrain>(jobId).GetPreviewAsync(http.User.GetAccountId());
        return ToResult(reply, id);
    }

    private static async Task<IResult> SetOptionsAsync(string id, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var jobId))
        {
            return NotFound(id);
        }

        var (choices, error) = await ReadOptionsAsync(http.Request, required: true, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var reply = await grains.GetGrain<IImportJobGrain>(jobId).SetChoicesAsync(http.User.GetAccountId(), choices!);
        return ToResult(reply, id);
    }

    private static async Task<IResult> StartAsync(string id, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var jobId))
        {
            return NotFound(id);
        }

        var (choices, error) = await ReadOptionsAsync(http.Request, required: false, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var reply = await grains.GetGrain<IImportJobGrain>(jobId).StartAsync(http.User.GetAccountId(), choices);
        return reply.Status == ImportReplyStatus.Ok ? Results.Accepted($"/v1/imports/{id}", ImportJobBody.From(reply.Job!)) : ToError(reply, id);
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext http, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var jobId))
        {
            return NotFound(id);
        }

        var reply = await grains.GetGrain<IImportJobGrain>(jobId).CancelAsync(http.User.GetAccountId());
        return ToResult(reply, id);
    }

    private static async Task<IResult> StreamEventsAsync(string id, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var jobId))
        {
            return NotFound(id);
        }

        var job = grains.GetGrain<IImportJobGrain>(jobId);
        var accountId = http.User.GetAccountId();
        var first = await job.GetAsync(accountId);
        if (first.Status != ImportReplyStatus.Ok)
        {
            return ToError(first, id);
        }

        return TypedResults.ServerSentEvents(StreamAsync(job, accountId, first.Job!, cancellationToken));
    }

    /// <summary>
    /// Sends the job as a <c>progress</c> event every <see cref="EventInterval"/> while it is
    /// uploaded or running, then once as a <c>done</c> event when it has finished, and ends.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<ImportJobBody>> StreamAsync(
        IImportJobGrain job, Guid accountId, ImportJobView first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var current = first;
        while (true)
        {
            var finished = current.Status is not (ImportJobStatuses.Uploaded or ImportJobStatuses.Running);
            yield return new SseItem<ImportJobBody>(ImportJobBody.From(current), finished ? "done" : "progress");
            if (finished)
            {
                yield break;
            }

            await Task.Delay(EventInterval, cancellationToken);
            var reply = await job.GetAsync(accountId);
            if (reply.Job is null)
            {
                yield break;
            }

            current = reply.Job;
        }
    }

    private static async Task<IResult> GetErrorReportAsync(string id, HttpContext http, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var jobId))
        {
            return NotFound(id);
        }

        var report = await grains.GetGrain<IImportJobGrain>(jobId).GetErrorReportAsync(http.User.GetAccountId());
        return report.Status switch
        {
            ImportReplyStatus.Ok => Results.File(report.Csv!, "text/csv; charset=utf-8", report.FileName),
            ImportReplyStatus.NotFound => NotFound(id),
            _ => ApiErrors.Create(StatusCodes.Status422UnprocessableEntity, "import_file_missing",
                $"The file of import {id} is no longer stored, so there is no error report."),
        };
    }

    /// <summary>Reads the options body; an empty body is no options unless <paramref name="required"/>.</summary>
    private static async Task<(ImportChoices? Choices, IResult? Error)> ReadOptionsAsync(HttpRequest request, bool required, CancellationToken cancellationToken)
    {
        if (!required && request.ContentLength is null or 0 && !request.HasJsonContentType())
        {
            return (null, null);
        }

        var (document, error) = await JsonBody.ReadAsync(request, MaxOptionsBodyBytes, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        using (document)
        {
            if (document!.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return (null, ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                    "The body must be one JSON object such as {\"mapping\": {\"3\": \"phone\"}, \"defaultStatus\": \"New\", \"extraTags\": [\"expo\"]}."));
            }

            var (choices, errors) = ImportOptionsReader.Read(document.RootElement);
            return errors.Count > 0 ? (null, ApiErrors.WrongTypes(errors)) : (choices, null);
        }
    }

    private static IResult ToResult(ImportReply reply, string id) =>
        reply.Status == ImportReplyStatus.Ok ? Results.Ok(ImportJobBody.From(reply.Job!, reply.Preview)) : ToError(reply, id);

    private static IResult ToError(ImportReply reply, string id) => reply.Status switch
    {
        ImportReplyStatus.NotFound => NotFound(id),
        ImportReplyStatus.WrongStatus => ApiErrors.Create(StatusCodes.Status409Conflict, reply.Problem!.Code, reply.Problem.Message),
        ImportReplyStatus.InvalidChoices => ApiErrors.Create(StatusCodes.Status422UnprocessableEntity, reply.Problem!.Code, reply.Problem.Message,
            new { fields = reply.Problem.Fields.Select(FieldErrorBody.From) }),
        _ => ApiErrors.Create(StatusCodes.Status422UnprocessableEntity, reply.Problem!.Code, reply.Problem.Message),
    };

    private static IResult NotFound(string id) => ApiErrors.NotFound($"Import '{id}'");
}

/// <summary>Error codes of the import endpoints besides the file rejections of <c>CsvRejectionCodes</c>; never rename one.</summary>
public static class ImportErrorCodes
{
    /// <summary>A multipart upload without a part named <c>file</c>.</summary>
    public const string MissingFile = "missing_file";
}
