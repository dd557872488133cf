namespace Calliyo.Storage.Leads;

/// <summary>
/// The result of inserting one lead: either the row was written (<see cref="Inserted"/>), or
/// the account already had a lead with that phone key and <see cref="LeadId"/> is that lead.
/// </summary>
public readonly record struct LeadInsertOutcome(bool Inserted, Guid LeadId);
