using Calliyo.Domain.Fields;

namespace Calliyo.Domain.Webhooks;

/// <summary>
/// The body field <c>webhook_token</c>, which carries the key's token for senders that cannot
/// set the <c>X-Webhook-Token</c> header, such as a plain HTML form. Its value becomes the
/// submission's platform key and is never kept with the submitted fields.
/// </summary>
public static class WebhookTokenField
{
    public const string Name = "webhook_token";

    public static bool Matches(string fieldName) =>
        FieldNameMatcher.Canonicalize(fieldName) == "webhooktoken";
}
