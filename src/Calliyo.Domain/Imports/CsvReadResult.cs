using System.Diagnostics.CodeAnalysis;

namespace Calliyo.Domain.Imports;

/// <summary>The outcome of reading one upload: a parsed file, or the reason the whole file was rejected.</summary>
public sealed record CsvReadResult(ParsedCsvFile? File, CsvFileRejection? Rejection)
{
    [MemberNotNullWhen(true, nameof(File))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => File is not null;

    internal static CsvReadResult Accepted(ParsedCsvFile file) => new(file, null);

    internal static CsvReadResult Rejected(CsvFileRejection rejection) => new(null, rejection);
}
