using System.Buffers;
using System.Text;

namespace Calliyo.Domain.Webhooks;

/// <summary>Byte-level checks shared by the JSON and form readers.</summary>
internal static class Utf8Body
{
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Drops a leading UTF-8 byte-order mark. RFC 8259 lets a JSON parser ignore one, and some
    /// Windows tools add it, but System.Text.Json rejects it as an invalid start of a value.
    /// </summary>
    public static ReadOnlyMemory<byte> SkipByteOrderMark(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith(ByteOrderMark) ? body[ByteOrderMark.Length..] : body;

    /// <summary>Returns true when <paramref name="body"/> is empty or holds only spaces, tabs and line breaks.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> body) => body.IndexOfAnyExcept(" \t\r\n"u8) < 0;

    /// <summary>
    /// Returns the error for the first byte that is not part of valid UTF-8, or null when the whole
    /// body is valid. System.Text.Json (.NET 10) parses invalid UTF-8 inside a string and throws
    /// only when the string is read, so the JSON reader checks the body here first.
    /// </summary>
    public static WebhookBodyError? FindInvalidUtf8(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (offset < body.Length)
        {
            if (Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                var (line, column) = Position(body, offset);
                return new WebhookBodyError(WebhookBodyErrorCodes.InvalidUtf8,
                    $"The body is not valid UTF-8 at line {line}, column {column} (byte {offset + 1}); encode it as UTF-8.",
                    line, column);
            }

            offset += consumed;
        }

        return null;
    }

    /// <summary>Returns the 1-based line and byte column of <paramref name="offset"/>.</summary>
    private static (long Line, long Column) Position(ReadOnlySpan<byte> body, int offset)
    {
        var before = body[..offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, offset - lineStart + 1);
    }
}
