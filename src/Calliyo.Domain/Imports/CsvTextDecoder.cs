using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Calliyo.Domain.Imports;

/// <summary>
/// Turns uploaded bytes into text. A byte-order mark decides the encoding and is removed; without
/// one, valid UTF-8 is read as UTF-8 and anything else as Windows-1252. Files that are not text
/// (workbooks, NUL bytes, broken UTF-16) are rejected with a message that explains how to save a CSV.
/// </summary>
internal static class CsvTextDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16LittleEndian = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("The Windows-1252 code page is not available from CodePagesEncodingProvider.");

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];
    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];
    private static ReadOnlySpan<byte> ZipSignature => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> Ole2Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static bool TryDecode(
        ReadOnlySpan<byte> bytes,
        out DecodedText decoded,
        [NotNullWhen(false)] out CsvFileRejection? rejection)
    {
        decoded = default;

        if (bytes.IsEmpty)
        {
            rejection = new CsvFileRejection(CsvRejectionCodes.EmptyFile,
                "The file is empty (0 bytes). Export the lead list again and upload a file with a header row and at least one lead.");
            return false;
        }

        if (bytes.StartsWith(ZipSignature) || bytes.StartsWith(Ole2Signature))
        {
            rejection = new CsvFileRejection(CsvRejectionCodes.Undecodable,
                "The file is a spreadsheet workbook (such as .xlsx or .xls), not CSV text. In the spreadsheet choose Save As, pick \"CSV UTF-8 (Comma delimited)\", and upload that file.");
            return false;
        }

        var encoding = DetectEncoding(bytes);
        var body = bytes[ByteOrderMarkLength(encoding)..];
        if (body.IsEmpty)
        {
            rejection = new CsvFileRejection(CsvRejectionCodes.EmptyFile,
                "The file is empty: it contains only a byte-order mark and no text. Export the lead list again and upload a file with a header row and at least one lead.");
            return false;
        }

        string text;
        try
        {
            text = Decode(encoding, body);
        }
        catch (DecoderFallbackException)
        {
            rejection = new CsvFileRejection(CsvRejectionCodes.Undecodable,
                $"The file starts with a {encoding.Name.ToUpperInvariant()} byte-order mark but its bytes are not valid {encoding.Name.ToUpperInvariant()} text. Save the sheet again as \"CSV UTF-8 (Comma delimited)\" and upload that file.");
            return false;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            rejection = new CsvFileRejection(CsvRejectionCodes.Undecodable,
                "The file contains NUL bytes, which CSV text never does; it is probably UTF-16 without a byte-order mark or a binary file. Save the sheet as \"CSV UTF-8 (Comma delimited)\" and upload that file.");
            return false;
        }

        decoded = new DecodedText(text, encoding);
        rejection = null;
        return true;
    }

    private static DetectedEncoding DetectEncoding(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Utf8Bom))
        {
            return DetectedEncoding.Utf8WithBom;
        }

        if (bytes.StartsWith(Utf16LittleEndianBom))
        {
            return DetectedEncoding.Utf16LittleEndian;
        }

        if (bytes.StartsWith(Utf16BigEndianBom))
        {
            return DetectedEncoding.Utf16BigEndian;
        }

        return Utf8.IsValid(bytes) ? DetectedEncoding.Utf8 : DetectedEncoding.Windows1252;
    }

    private static int ByteOrderMarkLength(DetectedEncoding encoding)
    {
        if (!encoding.HasByteOrderMark)
        {
            return 0;
        }

        return encoding == DetectedEncoding.Utf8WithBom ? Utf8Bom.Length : Utf16LittleEndianBom.Length;
    }

    /// <summary>Decodes <paramref name="body"/>; throws <see cref="DecoderFallbackException"/> for invalid UTF-16 or UTF-8.</summary>
    private static string Decode(DetectedEncoding encoding, ReadOnlySpan<byte> body)
    {
        if (encoding == DetectedEncoding.Utf16LittleEndian)
        {
            return StrictUtf16LittleEndian.GetString(body);
        }

        if (encoding == DetectedEncoding.Utf16BigEndian)
        {
            return StrictUtf16BigEndian.GetString(body);
        }

        if (encoding == DetectedEncoding.Windows1252)
        {
            return Windows1252.GetString(body);
        }

        // A UTF-8 byte-order mark does not prove the rest is valid, so decode strictly.
        return encoding.HasByteOrderMark ? StrictUtf8.GetString(body) : Encoding.UTF8.GetString(body);
    }
}

/// <summary>The decoded text of an upload, without its byte-order mark, and the encoding it was read with.</summary>
internal readonly record struct DecodedText(string Text, DetectedEncoding Encoding);
