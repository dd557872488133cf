using Calliyo.Domain.Fields;

namespace Calliyo.Domain.Imports;

/// <summary>How <see cref="CsvLeadReader"/> reads one upload.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The default upload limit: 10 MiB, 10,485,760 bytes.</summary>
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>The header-name matcher, with the account's own aliases; the built-in aliases by default.</summary>
    public FieldNameMatcher Matcher { get; init; } = FieldNameMatcher.Default;

    /// <summary>
    /// The caller's corrections to the mapping, keyed by 0-based column index; they replace what
    /// the header name maps to. Null or empty means the header names decide alone.
    /// </summary>
    public IReadOnlyDictionary<int, ColumnOverride>? ColumnOverrides { get; init; }

    /// <summary>
    /// The largest upload read, in bytes; larger input is rejected before decoding. The upload
    /// endpoint enforces its own limit first, so this is a second guard.
    /// </summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;
}
