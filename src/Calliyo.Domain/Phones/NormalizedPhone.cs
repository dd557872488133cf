namespace Calliyo.Domain.Phones;

/// <summary>
/// A phone number in E.164 form with its extension kept apart, because dialling needs the
/// bare number while two people behind one switchboard differ only by extension.
/// </summary>
public sealed record NormalizedPhone(string E164, string? Extension)
{
    /// <summary>
    /// The dedupe key within an account: the E.164 number, plus <c>;ext=N</c> when an
    /// extension exists (the RFC 3966 spelling).
    /// </summary>
    public string Key => Extension is null ? E164 : $"{E164};ext={Extension}";

    /// <summary>Parses a value produced by <see cref="Key"/>.</summary>
    public static NormalizedPhone FromKey(string key)
    {
        var marker = key.IndexOf(";ext=", StringComparison.Ordinal);
        return marker < 0
            ? new NormalizedPhone(key, null)
            : new NormalizedPhone(key[..marker], key[(marker + 5)..]);
    }
}
