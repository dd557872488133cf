using System.Diagnostics.CodeAnalysis;

namespace Calliyo.Domain.Imports;

/// <summary>The outcome of reading one upload: a parsed file, or the reason the whole file was rejected.</summary>
public sealed class CsvReadResult
{
    private CsvReadResult(ParsedCsvFile? file, CsvFileRejection? rejection)
    {
        File = file;
        Rejection = rejection;
    }

    /// <summary>The parsed file; null when the file was rejected.</summary>
    public ParsedCsvFile? File { get; }

    /// <summary>Why the whole file was rejected; null when it was accepted.</summary>
    public CsvFileRejection? Rejection { get; }

    /// <summary>True when <see cref="File"/> is set and <see cref="Rejection"/> is null.</summary>
    [MemberNotNullWhen(true, nameof(File))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => File is not null;

    internal static CsvReadResult Accepted(ParsedCsvFile file) => new(file, null);

    internal static CsvReadResult Rejected(CsvFileRejection rejection) => new(null, rejection);
}
