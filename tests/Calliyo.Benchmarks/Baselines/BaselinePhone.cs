using PhoneNumbers;

namespace Calliyo.Benchmarks.Baselines;

/// <summary>
/// The baselines' phone normalization: libphonenumber called directly, as a service without
/// Calliyo's normalizer would call it.
/// </summary>
internal static class BaselinePhone
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>Returns the E.164 form of <paramref name="text"/> read in region IN, or null when it is not a valid number.</summary>
    public static string? Normalize(string text)
    {
        try
        {
            var number = Phones.Parse(text, "IN");
            return Phones.IsValidNumber(number) ? Phones.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
