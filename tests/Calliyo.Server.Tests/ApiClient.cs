using System.Net.Http.Json;
using System.Text.Json;

namespace Calliyo.Server.Tests;

/// <summary>Small helpers over the public API for test set-up.</summary>
internal static class ApiClient
{
    public static async Task<(Guid Id, string Token)> CreateWebhookKeyAsync(this HttpClient client, object settings)
    {
        var response = await client.PostAsync("/v1/webhook-keys", Json.Body(settings));
        var body = await Json.ReadAsync(response);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating a webhook key failed with {(int)response.StatusCode}: {body}");
        }

        return (body.GetProperty("id").GetGuid(), body.Text("token")!);
    }

    public static Task<HttpResponseMessage> PostHookAsync(this HttpClient client, Guid keyId, string? token, HttpContent content, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/hooks/{keyId}") { Content = content };
        if (token is not null)
        {
            request.Headers.Add("X-Webhook-Token", token);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return client.SendAsync(request);
    }

    public static async Task<List<JsonElement>> ListLeadsAsync(this HttpClient client, string query = "")
    {
        var leads = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var separator = query.Length == 0 ? "?" : $"?{query}&";
            var url = $"/v1/leads{separator}limit=200" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await client.GetFromJsonAsync<JsonElement>(url);
            leads.AddRange(page.GetProperty("leads").EnumerateArray());
            cursor = page.Text("nextCursor");
        }
        while (cursor is not null);

        return leads;
    }

    public static async Task AddStatusAsync(this HttpClient client, string name)
    {
        var response = await client.PostAsync("/v1/statuses", Json.Body(new { name }));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Adding status {name} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
