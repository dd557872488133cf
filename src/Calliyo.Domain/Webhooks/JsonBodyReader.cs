using System.Text.Json;
using Calliyo.Domain.Fields;

namespace Calliyo.Domain.Webhooks;

/// <summary>Parses a UTF-8 JSON body, detects its payload format and hands it to the matching payload reader.</summary>
internal static class JsonBodyReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    public static WebhookReadResult Read(ReadOnlyMemory<byte> body, FieldNameMatcher matcher)
    {
        if (Utf8Body.FindInvalidUtf8(body.Span) is { } encodingError)
        {
            return WebhookReadResult.Failure(encodingError);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException exception)
        {
            return WebhookReadResult.Failure(Malformed(exception));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return WebhookReadResult.Failure(NotAnObject(root.ValueKind));
            }

            var builder = new SubmissionBuilder(matcher);
            WebhookPayloadFormat format;
            if (GoogleAdsPayload.Matches(root))
            {
                GoogleAdsPayload.Read(root, builder);
                format = WebhookPayloadFormat.GoogleAds;
            }
            else if (MetaLeadPayload.Matches(root))
            {
                MetaLeadPayload.Read(root, builder);
                format = WebhookPayloadFormat.MetaLead;
            }
            else
            {
                FlatJsonPayload.Read(root, builder);
                format = WebhookPayloadFormat.Flat;
            }

            return WebhookReadResult.Success(builder.Build(format));
        }
    }

    private static WebhookBodyError Malformed(JsonException exception)
    {
        // JsonException counts lines and bytes from 0 and appends them to its message. The error
        // counts from 1, as editors do, so it cuts that suffix off to avoid two different numbers.
        var line = exception.LineNumber + 1;
        var column = exception.BytePositionInLine + 1;
        var reason = exception.Message;
        var suffix = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            reason = reason[..suffix];
        }

        return new WebhookBodyError(WebhookBodyErrorCodes.MalformedJson,
            $"The body is not valid JSON at line {line}, column {column}: {reason} Fix the syntax and send one JSON object.",
            line, column);
    }

    private static WebhookBodyError NotAnObject(JsonValueKind kind)
    {
        var found = kind switch
        {
            JsonValueKind.Array => "a JSON array",
            JsonValueKind.String => "a JSON string",
            JsonValueKind.Number => "a JSON number",
            JsonValueKind.True or JsonValueKind.False => "a JSON boolean",
            _ => "JSON null",
        };

        return new WebhookBodyError(WebhookBodyErrorCodes.JsonNotObject,
            $"The body is {found}; the webhook takes one lead per request, so send a single JSON object such as {{\"name\": \"Asha Verma\", \"phone\": \"+91 98765 43210\"}}.");
    }
}
