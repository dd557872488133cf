namespace Calliyo.Storage.Leads;

/// <summary>
/// Writes a batch of new leads in one transaction, skipping any whose (account, phone key)
/// already exists, and returns one outcome per lead in input order.
/// </summary>
public interface ILeadBatchInserter
{
    Task<LeadInsertOutcome[]> InsertAsync(IReadOnlyList<LeadRecord> leads, CancellationToken cancellationToken);
}
