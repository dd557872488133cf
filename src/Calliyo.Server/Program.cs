using Calliyo.Grains.Imports;
using Calliyo.Server.Auth;
using Calliyo.Server.Cli;
using Calliyo.Server.Errors;
using Calliyo.Server.Health;
using Calliyo.Server.Hosting;
using Calliyo.Server.Imports;
using Calliyo.Server.Leads;
using Calliyo.Storage;
using Microsoft.AspNetCore.Authentication;

if (CliCommands.IsCommand(args))
{
    return await CliCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCalliyoStorage(builder.Configuration);
builder.Services.AddOptions<CalliyoOptions>().Bind(builder.Configuration.GetSection(CalliyoOptions.SectionName));
builder.Services.AddSingleton<AccountBootstrap>();
builder.Services.AddHostedService<StartupInitializer>();
builder.AddCalliyoSilo();
builder.Services.AddCalliyoImports(builder.Configuration);

builder.Services.AddSingleton<ApiTokenValidator>();
builder.Services.AddAuthentication(ApiTokenAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
builder.Services.AddExceptionHandler<ExceptionHandling>();
builder.Services.AddProblemDetails();
builder.Services.AddCalliyoHealthChecks();

var app = builder.Build();

app.UseExceptionHandler();
app.UseAuthentication();

app.MapCalliyoHealth();
app.MapLeadsApi();
app.MapImportsApi();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
