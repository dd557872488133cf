using Calliyo.Domain.Accounts;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Webhooks;

/// <summary>
/// One webhook body read as a lead: the lead fields as submitted (not yet trimmed or checked), the
/// detected payload format, the platform's lead id, key and test flag, and every field that was
/// not used for the lead. The server applies the webhook key's defaults with a <c>with</c>
/// expression on <see cref="Lead"/> and then calls <see cref="Normalize"/>.
/// </summary>
public sealed record WebhookSubmission
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    /// <summary>The lead fields as submitted. A field that had the wrong JSON type is null here and listed in <see cref="FieldErrors"/>.</summary>
    public required LeadInput Lead { get; init; }

    public required WebhookPayloadFormat Format { get; init; }

    /// <summary>
    /// The platform's own id of the lead: Google's <c>lead_id</c> or Meta's <c>id</c>. A
    /// re-delivery of one lead carries the same id. Null for flat bodies and when the platform sent none.
    /// </summary>
    public string? ExternalId { get; init; }

    /// <summary>
    /// True for a platform test lead: Google's <c>is_test: true</c>, or any value that Meta's
    /// lead-ads testing tool fills in (<c>&lt;test lead: dummy data for …&gt;</c>). Such a lead is
    /// acknowledged but not stored as a real lead, and its placeholder phone is not validated.
    /// </summary>
    public bool IsTest { get; init; }

    /// <summary>
    /// The secret that the platform sends inside the body to prove where the request came from
    /// (Google's <c>google_key</c>); null when the body has none. It is kept out of
    /// <see cref="Extras"/> and <see cref="ToString"/> so that it is never stored or logged with the lead.
    /// </summary>
    public string? PlatformKey { get; init; }

    /// <summary>
    /// Fields that were not used for the lead, by submitted name (a Google form field by its
    /// <c>column_id</c>): custom questions, ad and form ids, and the losing value when two fields
    /// map to one lead field. Multi-value fields are joined with ", ", numbers keep their JSON
    /// text, and objects keep their raw JSON text.
    /// </summary>
    public IReadOnlyDictionary<string, string> Extras { get; init; } = NoFields;

    /// <summary>Fields whose JSON type cannot hold the value, such as a phone sent as a JSON number.</summary>
    public IReadOnlyList<FieldError> FieldErrors { get; init; } = [];

    /// <summary>
    /// Every submitted value by name, ignoring case; repeated names are joined with ", ". The
    /// platform key and the <c>webhook_token</c> field are never in it, so it is safe to log and store.
    /// </summary>
    public IReadOnlyDictionary<string, string> SubmittedValues { get; init; } = NoFields;

    /// <summary>
    /// Returns the value submitted under <paramref name="name"/>, after form or JSON decoding but
    /// not trimmed. Returns null when the body has no such field, sent JSON null for it, or the
    /// field is the platform key. The name is matched ignoring case only, so the caller can check a
    /// honeypot field by the name configured on the webhook key.
    /// </summary>
    public string? FindRawValue(string name) =>
        SubmittedValues.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Checks and normalizes <see cref="Lead"/> with the account's rules, and reports the errors
    /// found while reading before those of <see cref="LeadNormalizer"/>. A field that already has a
    /// reading error gets no second error, so a phone sent as a number is not also "required".
    /// </summary>
    public LeadValidation Normalize(AccountRules rules)
    {
        var validation = LeadNormalizer.Normalize(Lead, rules);
        if (FieldErrors.Count == 0)
        {
            return validation;
        }

        var fieldsWithReadErrors = FieldErrors.Select(error => error.Field).ToHashSet(StringComparer.Ordinal);
        var errors = FieldErrors
            .Concat(validation.Errors.Where(error => !fieldsWithReadErrors.Contains(error.Field)))
            .ToList();

        return new LeadValidation(null, errors);
    }

    /// <summary>Describes the submission without the platform key or personal data, so logging it is safe.</summary>
    public override string ToString() =>
        $"WebhookSubmission {{ Format = {Format.ToCode()}, ExternalId = {ExternalId}, IsTest = {IsTest}, FieldErrors = {FieldErrors.Count} }}";
}
