using System.Globalization;
using System.Text.Json;
using Calliyo.Domain.Leads;
using Calliyo.Domain.Tokens;
using Calliyo.Grains.Contracts;
using Calliyo.Grains.Leads;
using Calliyo.Server.Auth;
using Calliyo.Server.Errors;
using Calliyo.Server.Http;
using Calliyo.Storage.Leads;

namespace Calliyo.Server.Leads;

/// <summary>The public lead endpoints under <c>/v1/leads</c>.</summary>
public static class LeadsApi
{
    /// <summary>Largest accepted body for one lead or one patch, in bytes.</summary>
    public const long MaxLeadBodyBytes = 64 * 1024;

    /// <summary>Largest accepted body for a batch or bulk update, in bytes.</summary>
    public const long MaxBatchBodyBytes = 4 * 1024 * 1024;

    /// <summary>Most items in one batch or bulk update.</summary>
    public const int MaxBatchItems = 1_000;

    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup("/v1/leads").WithTags("Leads");

        leads.MapPost("/", CreateLeadAsync).RequireScope(TokenScopes.LeadsWrite)
            .DocumentsBody<LeadRequest>("application/json").Produces<LeadView>(StatusCodes.Status201Created)
            .WithSummary("Create one lead; a known phone is 409 duplicate_phone with the existing lead's id.");
        leads.MapPost("/batch", CreateBatchAsync).RequireScope(TokenScopes.LeadsWrite)
            .DocumentsBody<LeadBatchRequest>("application/json").Produces<BatchResponse>()
            .WithSummary("Create up to 1,000 leads with one result per item, duplicates inside the batch included.");
        leads.MapPost("/bulk-update", BulkUpdateAsync).RequireScope(TokenScopes.LeadsWrite)
            .DocumentsBody<BulkUpdateRequest>("application/json").Produces<BulkUpdateItemResult[]>()
            .WithSummary("Change up to 1,000 existing leads found by phone, such as leads that an import skipped.");
        leads.MapGet("/", ListLeadsAsync).RequireScope(TokenScopes.LeadsRead)
            .Produces<LeadPage>()
            .WithSummary("List leads newest first; filter by status, tag, source, createdFrom, createdTo or q; page with cursor.");
        leads.MapGet("/{id}", GetLeadAsync).RequireScope(TokenScopes.LeadsRead)
            .Produces<LeadView>().WithSummary("Read one lead.");
        leads.MapPatch("/{id}", UpdateLeadAsync).RequireScope(TokenScopes.LeadsWrite)
            .DocumentsBody<LeadPatchRequest>("application/json").Produces<LeadView>()
            .WithSummary("Change a lead; a new phone that another lead has is 409 duplicate_phone.");

        return app;
    }

    private static async Task<IResult> CreateLeadAsync(HttpContext http, LeadCapture capture, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadAsync(http.Request, MaxLeadBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        using (document)
        {
            if (document!.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                    "The body must be one JSON object such as {\"firstName\": \"Asha\", \"phone\": \"+91 98765 43210\"}.");
            }

            var (input, typeErrors) = LeadJsonReader.Read(document.RootElement);
            if (typeErrors.Count > 0)
            {
                return ApiErrors.WrongTypes(typeErrors);
            }

            var source = new SourceReference(LeadSource.Api, http.User.GetTokenId());
            var result = await capture.CaptureAsync(http.User.GetAccountId(), input, source);
            return ToHttpResult(result);
        }
    }

    private static async Task<IResult> CreateBatchAsync(HttpContext http, LeadCapture capture, CancellationToken cancellationToken)
    {
        var (items, error) = await ReadItemsAsync(http.Request, "leads", cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var results = new BatchItemResult[items!.Count];
        var inputs = new List<LeadInput>();
        var indexes = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var (input, typeErrors) = items[i].ValueKind == JsonValueKind.Object
                ? LeadJsonReader.Read(items[i])
                : (new LeadInput(null, null, null, null, null, null), [NotAnObject(i)]);

            if (typeErrors.Count > 0)
            {
                results[i] = BatchItemResult.Invalid(i, typeErrors);
                continue;
            }

            inputs.Add(input);
            indexes.Add(i);
        }

        var source = new SourceReference(LeadSource.Api, http.User.GetTokenId());
        var captured = await capture.CaptureBatchAsync(http.User.GetAccountId(), inputs, source);
        for (var j = 0; j < captured.Count; j++)
        {
            results[indexes[j]] = BatchItemResult.From(indexes[j], captured[j], captured[j].DuplicateOfItem is { } first ? indexes[first] : null);
        }

        return Results.Ok(new BatchResponse(results, BatchCounts.Of(results)));
    }

    private static async Task<IResult> ListLeadsAsync(HttpContext http, LeadStore leads, CancellationToken cancellationToken)
    {
        var (query, error) = LeadListQuery.Parse(http.Request.Query, http.User.GetAccountId());
        if (error is not null)
        {
            return error;
        }

        var page = await leads.ListAsync(query! with { Limit = query!.Limit + 1 }, cancellationToken);
        var hasMore = page.Count > query.Limit;
        var shown = page.Take(query.Limit).Select(LeadViews.From).ToList();
        var nextCursor = hasMore ? shown[^1].Id.ToString() : null;
        return Results.Ok(new LeadPage(shown, nextCursor));
    }

    private static async Task<IResult> GetLeadAsync(string id, HttpContext http, LeadStore leads, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var leadId))
        {
            return ApiErrors.NotFound($"Lead '{id}'");
        }

        var lead = await leads.FindAsync(http.User.GetAccountId(), leadId, cancellationToken);
        return lead is null ? ApiErrors.NotFound($"Lead '{id}'") : Results.Ok(LeadViews.From(lead));
    }

    private static async Task<IResult> UpdateLeadAsync(string id, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var leadId))
        {
            return ApiErrors.NotFound($"Lead '{id}'");
        }

        var (document, error) = await JsonBody.ReadAsync(http.Request, MaxLeadBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        using (document)
        {
            var (patch, patchError) = ReadPatch(document!.RootElement);
            if (patchError is not null)
            {
                return patchError;
            }

            var result = await grains.GetGrain<ILeadEditorGrain>(0).UpdateAsync(http.User.GetAccountId(), leadId, patch!);
            return result.Outcome switch
            {
                UpdateOutcome.Updated => Results.Ok(result.Lead),
                UpdateOutcome.NotFound => ApiErrors.NotFound($"Lead '{id}'"),
                UpdateOutcome.Duplicate => DuplicatePhone(result.ExistingLeadId!.Value),
                _ => ApiErrors.ValidationFailed(result.Errors),
            };
        }
    }

    private static async Task<IResult> BulkUpdateAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (items, error) = await ReadItemsAsync(http.Request, "items", cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var results = new BulkUpdateItemResult?[items!.Count];
        var patches = new List<PhonePatch>();
        var indexes = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var (phone, patch, itemError) = ReadBulkItem(items[i], i);
            if (itemError is not null)
            {
                results[i] = BulkUpdateItemResult.Invalid(i, phone, itemError);
                continue;
            }

            patches.Add(new PhonePatch(phone, patch!));
            indexes.Add(i);
        }

        var updated = await grains.GetGrain<ILeadEditorGrain>(0).BulkUpdateByPhoneAsync(http.User.GetAccountId(), patches);
        for (var j = 0; j < updated.Count; j++)
        {
            results[indexes[j]] = BulkUpdateItemResult.From(indexes[j], patches[j].Phone, updated[j]);
        }

        return Results.Ok(new { results });
    }

    internal static IResult ToHttpResult(CaptureResult result) => result.Outcome switch
    {
        CaptureOutcome.Created => Results.Created($"/v1/leads/{result.Lead!.Id}", result.Lead),
        CaptureOutcome.Duplicate => DuplicatePhone(result.ExistingLeadId!.Value),
        _ => ApiErrors.ValidationFailed(result.Errors),
    };

    private static IResult DuplicatePhone(Guid existingLeadId) =>
        ApiErrors.Create(StatusCodes.Status409Conflict, ErrorCodes.DuplicatePhone,
            $"A lead with this phone number already exists ({existingLeadId}); open it or update it instead.",
            new { existingLeadId });

    /// <summary>Reads <c>{"&lt;property&gt;": [...]}</c> with 1 to <see cref="MaxBatchItems"/> items; the elements outlive the request's document.</summary>
    private static async Task<(List<JsonElement>? Items, IResult? Error)> ReadItemsAsync(HttpRequest request, string property, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadAsync(request, MaxBatchBodyBytes, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
            {
                return (null, ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                    $"The body must be an object with an array '{property}', such as {{\"{property}\": [ … ]}}."));
            }

            var count = array.GetArrayLength();
            if (count is 0 or > MaxBatchItems)
            {
                return (null, ApiErrors.Create(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationFailed,
                    $"'{property}' has {count} items; send 1 to {MaxBatchItems} per request.", new { maxItems = MaxBatchItems }));
            }

            return (array.EnumerateArray().Select(item => item.Clone()).ToList(), null);
        }
    }

    private static (LeadPatch? Patch, IResult? Error) ReadPatch(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                "The body must be a JSON object with the fields to change, such as {\"status\": \"Interested\"}."));
        }

        var (values, typeErrors, fields) = LeadJsonReader.ReadWithFields(body);
        if (typeErrors.Count > 0)
        {
            return (null, ApiErrors.WrongTypes(typeErrors));
        }

        if (fields.Count == 0)
        {
            return (null, ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                "Send at least one of firstName, lastName, phone, email, tags or status to change."));
        }

        return (new LeadPatch(values, fields), null);
    }

    private static (string? Phone, LeadPatch? Patch, IReadOnlyList<FieldError>? Error) ReadBulkItem(JsonElement item, int index)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, null, [NotAnObject(index)]);
        }

        string? phone = null;
        if (item.TryGetProperty("phone", out var phoneValue))
        {
            if (phoneValue.ValueKind != JsonValueKind.String)
            {
                return (null, null, [new FieldError(LeadFields.Phone, phoneValue.GetRawText(), FieldErrorCodes.WrongType,
                    $"phone: must be a string such as \"+91 98765 43210\"; found {phoneValue.GetRawText()}.")]);
            }

            phone = phoneValue.GetString();
        }

        if (!item.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Object)
        {
            return (phone, null, [new FieldError("changes", null, FieldErrorCodes.Required,
                "changes: send an object with the fields to change, such as {\"status\": \"Interested\"}.")]);
        }

        var (values, typeErrors, fields) = LeadJsonReader.ReadWithFields(changes);
        if (typeErrors.Count > 0)
        {
            return (phone, null, typeErrors);
        }

        return fields.Count == 0
            ? (phone, null, [new FieldError("changes", null, FieldErrorCodes.Required, "changes: name at least one field to change.")])
            : (phone, new LeadPatch(values, fields), null);
    }

    private static FieldError NotAnObject(int index) =>
        new("item", index.ToString(CultureInfo.InvariantCulture), FieldErrorCodes.WrongType, $"Item {index} must be a JSON object.");
}
