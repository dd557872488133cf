namespace Calliyo.Domain.Imports;

/// <summary>
/// The character encoding an uploaded file was decoded with, by its IANA name
/// (<c>utf-8</c>, <c>utf-16le</c>, <c>utf-16be</c> or <c>windows-1252</c>), and whether the file
/// started with a byte-order mark that said so.
/// </summary>
public sealed record DetectedEncoding(string Name, bool HasByteOrderMark)
{
    /// <summary>UTF-8 announced by the bytes <c>EF BB BF</c>, as Excel's "CSV UTF-8" writes it.</summary>
    public static DetectedEncoding Utf8WithBom { get; } = new("utf-8", HasByteOrderMark: true);

    /// <summary>UTF-8 without a byte-order mark: the bytes were valid UTF-8.</summary>
    public static DetectedEncoding Utf8 { get; } = new("utf-8", HasByteOrderMark: false);

    /// <summary>UTF-16 little-endian announced by <c>FF FE</c>, as Excel's "Unicode Text" writes it.</summary>
    public static DetectedEncoding Utf16LittleEndian { get; } = new("utf-16le", HasByteOrderMark: true);

    /// <summary>UTF-16 big-endian announced by <c>FE FF</c>.</summary>
    public static DetectedEncoding Utf16BigEndian { get; } = new("utf-16be", HasByteOrderMark: true);

    /// <summary>
    /// Windows-1252 (Western European), assumed when the bytes carry no byte-order mark and are
    /// not valid UTF-8, because that is what Excel's plain "CSV" writes on Western Windows.
    /// </summary>
    public static DetectedEncoding Windows1252 { get; } = new("windows-1252", HasByteOrderMark: false);
}
