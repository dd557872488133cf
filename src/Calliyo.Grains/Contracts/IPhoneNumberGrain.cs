namespace Calliyo.Grains.Contracts;

/// <summary>
/// One grain per (account, phone key): the single point that serializes dedupe for that
/// number. The key is <c>{accountId:N}/{phoneKey}</c>; see <see cref="PhoneNumberKey"/>.
/// </summary>
public interface IPhoneNumberGrain : IGrainWithStringKey
{
    /// <summary>Creates <paramref name="lead"/> if the number is free; otherwise returns the id of the lead that has it.</summary>
    Task<ClaimResult> ClaimAsync(NewLead lead);

    /// <summary>
    /// Moves an existing lead onto this number by writing <paramref name="updated"/>, whose phone is
    /// this grain's number. Returns the lead that already has the number when it is taken, in
    /// which case nothing is written.
    /// </summary>
    Task<ClaimResult> MoveHereAsync(LeadView updated);

    /// <summary>Forgets that <paramref name="leadId"/> has this number, after the lead moved to another one.</summary>
    Task ReleaseAsync(Guid leadId);
}

/// <summary>A normalized lead ready to be written, minus the id and times that the grain assigns.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.new-lead")]
public sealed record NewLead(
    [property: Id(0)] string FirstName,
    [property: Id(1)] string? LastName,
    [property: Id(2)] string PhoneE164,
    [property: Id(3)] string? PhoneExtension,
    [property: Id(4)] string? Email,
    [property: Id(5)] IReadOnlyList<string> Tags,
    [property: Id(6)] string Status,
    [property: Id(7)] SourceReference Source);

/// <summary>Whether the claim created the lead, and the id of the lead that holds the number either way.</summary>
[GenerateSerializer, Immutable, Alias("calliyo.claim-result")]
public sealed record ClaimResult(
    [property: Id(0)] bool Created,
    [property: Id(1)] Guid LeadId,
    [property: Id(2)] LeadView? Lead);

public static class PhoneNumberKey
{
    public static string For(Guid accountId, string phoneKey) => $"{accountId:N}/{phoneKey}";

    public static (Guid AccountId, string PhoneKey) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (Guid.ParseExact(key[..slash], "N"), key[(slash + 1)..]);
    }
}
