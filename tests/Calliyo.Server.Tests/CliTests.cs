using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Calliyo.Server.Tests;

public sealed partial class CliTests : IAsyncLifetime
{
    private readonly SqliteBackend _backend = new();

    public Task InitializeAsync() => _backend.InitializeAsync();

    public Task DisposeAsync() => _backend.DisposeAsync();

    [Fact]
    public async Task TokensCreate_IssuesScopedTokenThatTheServerAccepts()
    {
        var (exitCode, output) = await RunAsync("tokens", "create", "--name", "ops", "--scopes", "leads:write");

        Assert.Equal(0, exitCode);
        var token = TokenPattern().Match(output).Value;
        Assert.StartsWith("cly_", token, StringComparison.Ordinal);

        await using var server = await ServerProcess.StartAsync(_backend.Settings);
        using var client = server.CreateClient(token);
        var created = await client.PostAsync("/v1/leads", Json.Body(new { firstName = "Asha", phone = "9876544001" }));
        var read = await client.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact]
    public async Task TokensCreate_UnknownScope_FailsNamingIt()
    {
        var (exitCode, output) = await RunAsync("tokens", "create", "--name", "ops", "--scopes", "leads:delete");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown scope 'leads:delete'", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Calliyo.Server.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in _backend.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"cly_[0-9a-f]{16}_[A-Za-z0-9_-]+")]
    private static partial Regex TokenPattern();
}
