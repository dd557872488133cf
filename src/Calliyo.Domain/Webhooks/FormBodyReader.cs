using System.Text;
using System.Text.Unicode;
using Calliyo.Domain.Fields;

namespace Calliyo.Domain.Webhooks;

/// <summary>
/// Reads an <c>application/x-www-form-urlencoded</c> body, as an HTML form or Zapier's form mode
/// posts it, with the same key matching as flat JSON.
/// </summary>
/// <remarks>
/// The body is decoded here rather than with <c>WebUtility.UrlDecode</c> or <c>QueryHelpers</c>
/// for two reasons. Form decoding turns every <c>+</c> into a space, but people and simple
/// integrations write <c>phone=+919876543210</c> without encoding the plus, and the leading plus
/// is what makes the number international. Those decoders also replace invalid UTF-8 with U+FFFD,
/// which would store a garbled name instead of reporting it.
/// </remarks>
internal static class FormBodyReader
{
    public static WebhookReadResult Read(ReadOnlySpan<byte> body, FieldNameMatcher matcher)
    {
        var builder = new SubmissionBuilder(matcher);

        foreach (var range in body.Split((byte)'&'))
        {
            var pair = body[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var separator = pair.IndexOf((byte)'=');
            var rawName = separator < 0 ? pair : pair[..separator];
            var rawValue = separator < 0 ? [] : pair[(separator + 1)..];

            var name = Decode(rawName, leadingPlusIsLiteral: false);
            if (name is null)
            {
                return WebhookReadResult.Failure(NotUtf8($"A form field name ('{Encoding.ASCII.GetString(rawName)}')"));
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var target = FieldTarget.Match(matcher, name);
            var value = Decode(rawValue, leadingPlusIsLiteral: target is { Column: LeadColumn.Phone });
            if (value is null)
            {
                return WebhookReadResult.Failure(NotUtf8($"The value of form field '{name}'"));
            }

            if (WebhookTokenField.Matches(name))
            {
                builder.PlatformKey ??= value;
                continue;
            }

            builder.RecordSubmittedValue(name, value);
            if (target is { } leadField)
            {
                builder.AddLeadValue(leadField, name, value);
            }
            else
            {
                builder.AddExtra(name, value);
            }
        }

        return WebhookReadResult.Success(builder.Build(WebhookPayloadFormat.Flat));
    }

    /// <summary>
    /// Percent-decodes <paramref name="raw"/> and reads it as UTF-8; returns null when the bytes
    /// are not UTF-8. A <c>+</c> is a space, except a leading one when
    /// <paramref name="leadingPlusIsLiteral"/> is set. A <c>%</c> without two hex digits stays as
    /// it is, as browsers and the WHATWG URL standard do.
    /// </summary>
    internal static string? Decode(ReadOnlySpan<byte> raw, bool leadingPlusIsLiteral)
    {
        var bytes = new byte[raw.Length];
        var length = 0;

        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '+')
            {
                bytes[length++] = i == 0 && leadingPlusIsLiteral ? (byte)'+' : (byte)' ';
            }
            else if (b == '%' && i + 2 < raw.Length && IsHexDigit(raw[i + 1]) && IsHexDigit(raw[i + 2]))
            {
                bytes[length++] = (byte)(HexValue(raw[i + 1]) << 4 | HexValue(raw[i + 2]));
                i += 2;
            }
            else
            {
                bytes[length++] = b;
            }
        }

        var decoded = bytes.AsSpan(0, length);
        return Utf8.IsValid(decoded) ? Encoding.UTF8.GetString(decoded) : null;
    }

    private static bool IsHexDigit(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private static WebhookBodyError NotUtf8(string part) =>
        new(WebhookBodyErrorCodes.InvalidUtf8,
            $"{part} is not valid UTF-8 after percent-decoding; encode the form as UTF-8, for example with accept-charset=\"UTF-8\" on the HTML form.");
}
