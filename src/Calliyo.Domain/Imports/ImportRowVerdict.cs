using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Imports;

/// <summary>
/// The plan for one row of an upload: its outcome, the normalized lead when the row is valid,
/// the record it duplicates, or the errors that keep it out.
/// </summary>
public sealed record ImportRowVerdict
{
    private ImportRowVerdict(CsvRow row, ImportRowOutcome outcome)
    {
        Row = row;
        Outcome = outcome;
    }

    /// <summary>The row as read from the file, with its line, record number and raw fields.</summary>
    public CsvRow Row { get; }

    /// <summary>What the import does with the row.</summary>
    public ImportRowOutcome Outcome { get; private init; }

    /// <summary>The normalized lead, for <see cref="ImportRowOutcome.Import"/> and both duplicate outcomes.</summary>
    public NormalizedLead? Lead { get; private init; }

    /// <summary>For <see cref="ImportRowOutcome.DuplicateInFile"/>: the number of the earlier record that is imported instead.</summary>
    public int? DuplicateOfRecord { get; private init; }

    /// <summary>For <see cref="ImportRowOutcome.DuplicateOfExistingLead"/>: the id of the account's lead that already has this phone.</summary>
    public string? ExistingLeadId { get; private init; }

    /// <summary>For <see cref="ImportRowOutcome.Error"/>: every reason the record is not imported; empty otherwise.</summary>
    public IReadOnlyList<FieldError> Errors { get; private init; } = [];

    /// <summary>The 1-based physical line where the row starts.</summary>
    public int Line => Row.Line;

    /// <summary>The 1-based record number; null for a blank row.</summary>
    public int? RecordNumber => Row.RecordNumber;

    /// <summary>
    /// Returns this verdict turned into a duplicate of the account's lead <paramref name="leadId"/>,
    /// for the import job once the phone-number grain reports that the phone is taken.
    /// </summary>
    public ImportRowVerdict AsDuplicateOfExistingLead(string leadId)
    {
        if (Outcome != ImportRowOutcome.Import)
        {
            throw new InvalidOperationException($"Only a row planned for import can be a duplicate of an existing lead; record {RecordNumber} is {Outcome}.");
        }

        return this with { Outcome = ImportRowOutcome.DuplicateOfExistingLead, ExistingLeadId = leadId };
    }

    internal static ImportRowVerdict Import(CsvRow row, NormalizedLead lead) =>
        new(row, ImportRowOutcome.Import) { Lead = lead };

    internal static ImportRowVerdict DuplicateInFile(CsvRow row, NormalizedLead lead, int earlierRecord) =>
        new(row, ImportRowOutcome.DuplicateInFile) { Lead = lead, DuplicateOfRecord = earlierRecord };

    internal static ImportRowVerdict Error(CsvRow row, IReadOnlyList<FieldError> errors) =>
        new(row, ImportRowOutcome.Error) { Errors = errors };

    internal static ImportRowVerdict Blank(CsvRow row) => new(row, ImportRowOutcome.Blank);
}
