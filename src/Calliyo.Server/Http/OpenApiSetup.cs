using Calliyo.Server.Errors;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Calliyo.Server.Http;

public static class OpenApiSetup
{
    /// <summary>Generates the OpenAPI document with the bearer-token scheme and the shared error envelope.</summary>
    public static IServiceCollection AddCalliyoOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Calliyo Capture API",
                    Version = "v1",
                    Description = "Lead capture for the Calliyo telecalling CRM. Every error uses {\"error\": {\"code\", \"message\", \"details\"}} with a stable snake_case code.",
                };
                // The document is checked in, so it must not depend on the host that served it.
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API token such as cly_0123456789abcdef_…, created at first start, with the tokens command or POST /v1/api-tokens.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
                return Task.CompletedTask;
            });

            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var body = context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedBody>().FirstOrDefault();
                if (body is null)
                {
                    return;
                }

                var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = body.ContentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
                };
            });
        });

        return services;
    }

    /// <summary>Serves the document at <c>/openapi/v1.json</c> and a browsable reference at <c>/docs</c>.</summary>
    public static IEndpointRouteBuilder MapCalliyoOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", options => options.WithTitle("Calliyo Capture API"));
        return app;
    }

    /// <summary>
    /// Documents the request body of an endpoint that reads its body itself. Unlike
    /// <c>Accepts</c>, it does not make routing reject other content types with a bare 415, so the
    /// handler's own check responds in the error envelope.
    /// </summary>
    public static RouteHandlerBuilder DocumentsBody<T>(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.WithMetadata(new DocumentedBody(typeof(T), contentTypes.Length == 0 ? ["application/json"] : contentTypes));

    /// <summary>Documents the error responses an endpoint group can return, all in the shared envelope.</summary>
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var statusCode in statusCodes)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(statusCode, typeof(ApiErrorEnvelope), ["application/json"]));
        }

        return builder;
    }
}

/// <summary>Endpoint metadata: the type and content types of a request body, for the OpenAPI document only.</summary>
public sealed record DocumentedBody(Type Type, IReadOnlyList<string> ContentTypes);
