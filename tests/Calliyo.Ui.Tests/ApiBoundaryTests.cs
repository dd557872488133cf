using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Calliyo.Ui.Tests;

/// <summary>
/// The session cookie and the API token schemes side by side: the API keeps its 401 and 403
/// envelopes, the cookie reaches only the import endpoints, and cookie calls that change
/// something need the anti-forgery token.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ApiBoundaryTests(UiFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseContextsAsync();

    [Fact]
    public async Task Api_WithoutToken_Is401Envelope()
    {
        using var anonymous = fixture.Server.CreateApiClient(token: null);

        var response = await anonymous.GetAsync("/v1/leads");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Api_TokenWithoutScope_Is403Envelope()
    {
        var admin = await fixture.Server.CreateAccountWithAdminAsync();
        var token = await fixture.Server.Services.GetRequiredService<Calliyo.Server.Hosting.AccountBootstrap>()
            .CreateTokenAsync(admin.AccountId, "read-only", [Calliyo.Domain.Tokens.TokenScopes.LeadsRead], CancellationToken.None);
        using var client = fixture.Server.CreateApiClient(token);

        var response = await client.PostAsync("/v1/leads", JsonContent.Create(new { firstName = "A", phone = "+919876514001" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("insufficient_scope", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task SessionCookie_DoesNotAuthenticateOtherApiPaths()
    {
        var page = await fixture.SignInAsync(UiServer.AdminEmail, UiServer.AdminPassword);

        var leads = await page.APIRequest.GetAsync("/v1/leads");
        var keys = await page.APIRequest.GetAsync("/v1/webhook-keys");

        Assert.Equal(401, leads.Status);
        Assert.Equal(401, keys.Status);
        Assert.Contains("\"unauthorized\"", await leads.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookie_PostToImportsWithoutAntiforgery_Is403()
    {
        var page = await fixture.SignInAsync(UiServer.AdminEmail, UiServer.AdminPassword);

        var response = await page.APIRequest.PostAsync("/v1/imports", new() { Multipart = CsvForm(page) });

        Assert.Equal(403, response.Status);
        Assert.Contains("antiforgery_token_invalid", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInForm_WithoutAntiforgery_IsRejected()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.Server.BaseAddress };

        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = UiServer.AdminEmail,
            ["Password"] = UiServer.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location?.OriginalString);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        Assert.DoesNotContain(cookies, cookie => cookie.StartsWith("calliyo_session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SessionKeyRing_IsStoredInDatabase()
    {
        await fixture.SignInAsync(UiServer.AdminEmail, UiServer.AdminPassword);

        var database = fixture.Server.Services.GetRequiredService<Calliyo.Storage.CalliyoDatabase>();
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_keys";
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.StartsWith("<key ", xml, StringComparison.Ordinal));
    }

    private static IFormData CsvForm(IPage page)
    {
        var form = page.APIRequest.CreateFormData();
        form.Set("file", new FilePayload { Name = "leads.csv", MimeType = "text/csv", Buffer = "FirstName,Phone\nA,+919876514002\n"u8.ToArray() });
        return form;
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString();
}
