namespace Calliyo.Domain.Webhooks;

/// <summary>The shape of a webhook body, detected from the body itself.</summary>
public enum WebhookPayloadFormat
{
    /// <summary>A flat JSON object or an HTML form body, with one key per field.</summary>
    Flat,

    /// <summary>The Google Ads lead-form webhook: form fields in <c>user_column_data</c>, keyed by <c>column_id</c>.</summary>
    GoogleAds,

    /// <summary>A Meta lead object from the Graph API, as Zapier or a relay forwards it: form fields in <c>field_data</c>.</summary>
    MetaLead,
}

/// <summary>Stable snake_case codes of <see cref="WebhookPayloadFormat"/> for responses, logs, metrics and stored lead metadata.</summary>
public static class WebhookPayloadFormatCodes
{
    /// <summary>Returns the stable code of <paramref name="format"/>: <c>flat</c>, <c>google_ads</c> or <c>meta_lead</c>.</summary>
    public static string ToCode(this WebhookPayloadFormat format) => format switch
    {
        WebhookPayloadFormat.Flat => "flat",
        WebhookPayloadFormat.GoogleAds => "google_ads",
        WebhookPayloadFormat.MetaLead => "meta_lead",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown webhook payload format."),
    };
}
