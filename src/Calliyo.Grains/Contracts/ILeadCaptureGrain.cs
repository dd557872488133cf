using Calliyo.Domain.Leads;

namespace Calliyo.Grains.Contracts;

/// <summary>
/// The entry point of every capture source: validates and normalizes a lead with the
/// account's rules, then claims its phone number. A stateless worker, so each silo runs
/// captures locally without a directory lookup.
/// </summary>
public interface ILeadCaptureGrain : IGrainWithIntegerKey
{
    Task<CaptureResult> CaptureAsync(Guid accountId, LeadInput input, SourceReference source);

    /// <summary>
    /// Captures many leads and returns one result per input, in order. A later input with the
    /// phone of an earlier one is a duplicate of that item (<see cref="CaptureResult.DuplicateOfItem"/>),
    /// whatever the order in which the claims finish.
    /// </summary>
    Task<IReadOnlyList<CaptureResult>> CaptureBatchAsync(Guid accountId, IReadOnlyList<LeadInput> inputs, SourceReference source);
}
