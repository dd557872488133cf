namespace Calliyo.Domain.Imports;

/// <summary>What an import does with one row of the file.</summary>
public enum ImportRowOutcome
{
    /// <summary>The row becomes a new lead, unless its phone already belongs to a lead of the account.</summary>
    Import,

    /// <summary>An earlier record of the same file has the same phone and extension; that record wins.</summary>
    DuplicateInFile,

    /// <summary>
    /// The account already has a lead with this phone and extension. The planner never returns
    /// this: the import job sets it when the phone-number grain reports the existing lead.
    /// </summary>
    DuplicateOfExistingLead,

    /// <summary>The record has at least one field error and is not imported.</summary>
    Error,

    /// <summary>A blank row: counted, never an error and never a lead.</summary>
    Blank,
}
