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
    /// <summary>Largest accepted body for one lead, in bytes.</summary>
    public const long MaxLeadBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup("/v1/leads");

        leads.MapPost("/", CreateLeadAsync).RequireScope(TokenScopes.LeadsWrite);
        leads.MapGet("/{id}", GetLeadAsync).RequireScope(TokenScopes.LeadsRead);

        return app;
    }

    private static async Task<IResult> CreateLeadAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonBody.ReadAsync(http.Request, MaxLeadBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        using (document)
        {
            if (document!.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
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
            var result = await grains.GetGrain<ILeadCaptureGrain>(0).CaptureAsync(http.User.GetAccountId(), input, source);
            return ToHttpResult(result);
        }
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

    internal static IResult ToHttpResult(CaptureResult result) => result.Outcome switch
    {
        CaptureOutcome.Created => Results.Created($"/v1/leads/{result.Lead!.Id}", result.Lead),
        CaptureOutcome.Duplicate => ApiErrors.Create(StatusCodes.Status409Conflict, ErrorCodes.DuplicatePhone,
            $"A lead with this phone number already exists ({result.ExistingLeadId}); open it or update it instead.",
            new { existingLeadId = result.ExistingLeadId }),
        _ => ApiErrors.ValidationFailed(result.Errors),
    };
}
