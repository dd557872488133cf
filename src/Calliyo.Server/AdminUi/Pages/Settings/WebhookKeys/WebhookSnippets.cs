using Calliyo.Domain.Webhooks;
using Calliyo.Server.Webhooks;

namespace Calliyo.Server.AdminUi.Pages.Settings.WebhookKeys;

/// <summary>A webhook key's URL and token as shown once after creating the key or regenerating its token.</summary>
public sealed record WebhookKeySecret(Guid KeyId, string Name, string Url, string Token, string? HoneypotField);

/// <summary>Copy-ready examples of posting a lead to a webhook key: an HTML form and a curl command.</summary>
public static class WebhookSnippets
{
    /// <summary>Shown instead of the token once it can no longer be read.</summary>
    public const string TokenPlaceholder = "YOUR_WEBHOOK_TOKEN";

    public static string Url(HttpRequest request, Guid keyId) => $"{request.Scheme}://{request.Host}/v1/hooks/{keyId}";

    /// <summary>
    /// Returns a web form that posts straight to the key: the token in the hidden
    /// <c>webhook_token</c> field, and the honeypot field hidden from people so that only bots fill it.
    /// </summary>
    public static string Form(string url, string token, string? honeypotField)
    {
        var honeypot = honeypotField is null
            ? "  <!-- Set a honeypot field on this key to drop submissions from bots that fill every field. -->\n"
            : $"""
                <!-- Honeypot: hidden from people; a submission with a value here is dropped as spam. -->
                <div style="position:absolute; left:-10000px;" aria-hidden="true">
                  <label>Leave this empty <input type="text" name="{Html(honeypotField)}" tabindex="-1" autocomplete="off"></label>
                </div>

              """;

        return $"""
            <form action="{Html(url)}" method="post">
              <input type="hidden" name="{WebhookTokenField.Name}" value="{Html(token)}">
              <label>Name <input type="text" name="name" required></label>
              <label>Phone <input type="tel" name="phone" required></label>
              <label>Email <input type="email" name="email"></label>
            {honeypot}  <button type="submit">Send</button>
            </form>
            """;
    }

    /// <summary>Returns a curl command that posts one lead as JSON with the token in the header.</summary>
    public static string Curl(string url, string token) => $$"""
        curl -i -X POST '{{url}}' \
          -H '{{HooksApi.TokenHeader}}: {{token}}' \
          -H 'Content-Type: application/json' \
          -d '{"name": "Asha Verma", "phone": "+91 98765 43210", "email": "asha@example.com"}'
        """;

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
