using Calliyo.Grains.Imports;
using Calliyo.Server.AdminUi;
using Calliyo.Server.Auth;
using Calliyo.Server.Cli;
using Calliyo.Server.Errors;
using Calliyo.Server.Health;
using Calliyo.Server.Hosting;
using Calliyo.Server.Http;
using Calliyo.Server.Imports;
using Calliyo.Server.Leads;
using Calliyo.Server.Operations;
using Calliyo.Server.Settings;
using Calliyo.Server.Tokens;
using Calliyo.Server.Webhooks;
using Calliyo.Storage;

if (CliCommands.IsCommand(args))
{
    return await CliCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCalliyoStorage(builder.Configuration);
builder.Services.AddCalliyoStartup(builder.Configuration);
builder.AddCalliyoSilo();
builder.AddCalliyoOperations();
builder.Services.AddCalliyoImports(builder.Configuration);

builder.Services.AddCalliyoAuthentication();
builder.Services.AddCalliyoAdminUi();
builder.Services.AddTokenRateLimiting(builder.Configuration);
builder.Services.AddCalliyoHttp();
builder.Services.AddCalliyoOpenApi();
builder.Services.AddCalliyoHealthChecks();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages(StatusCodeEnvelope.WriteAsync);
app.UseAuthentication();
app.UseRateLimiter();

app.MapCalliyoHealth();
app.MapCalliyoOperations();
app.MapCalliyoOpenApi();

var api = app.MapGroup("")
    .AddEndpointFilter<IdempotencyFilter>()
    .ProducesErrors(400, 401, 403, 404, 409, 413, 422, 429);
api.MapLeadsApi();
api.MapHooksApi();
api.MapWebhookKeysApi();
api.MapApiTokensApi();
api.MapStatusesApi();
api.MapColumnAliasesApi();
api.MapImportsApi();

app.MapCalliyoAdminUi();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
