using System.Collections.Frozen;
using System.Text;

namespace Calliyo.Domain.Fields;

/// <summary>
/// Maps a CSV header, a form field name or a JSON key to a lead field. Names match ignoring
/// case, surrounding and inner whitespace, <c>_</c> and <c>-</c>, so <c>First Name</c>,
/// <c>first_name</c> and <c>FIRSTNAME</c> are one name; a built-in alias table covers the
/// names that CRM exports, ad platforms and form builders use, and an account can add its own.
/// </summary>
public sealed class FieldNameMatcher
{
    private static readonly FrozenDictionary<string, LeadColumn> BuiltIn = new Dictionary<string, LeadColumn>
    {
        ["firstname"] = LeadColumn.FirstName,
        ["first"] = LeadColumn.FirstName,
        ["givenname"] = LeadColumn.FirstName,
        ["fname"] = LeadColumn.FirstName,
        ["forename"] = LeadColumn.FirstName,

        ["lastname"] = LeadColumn.LastName,
        ["last"] = LeadColumn.LastName,
        ["surname"] = LeadColumn.LastName,
        ["familyname"] = LeadColumn.LastName,
        ["lname"] = LeadColumn.LastName,

        ["name"] = LeadColumn.FullName,
        ["fullname"] = LeadColumn.FullName,
        ["yourname"] = LeadColumn.FullName,
        ["contactname"] = LeadColumn.FullName,

        ["phone"] = LeadColumn.Phone,
        ["phonenumber"] = LeadColumn.Phone,
        ["phoneno"] = LeadColumn.Phone,
        ["mobile"] = LeadColumn.Phone,
        ["mobilenumber"] = LeadColumn.Phone,
        ["mobileno"] = LeadColumn.Phone,
        ["mobilephone"] = LeadColumn.Phone,
        ["cell"] = LeadColumn.Phone,
        ["cellphone"] = LeadColumn.Phone,
        ["contactnumber"] = LeadColumn.Phone,
        ["contactno"] = LeadColumn.Phone,
        ["telephone"] = LeadColumn.Phone,
        ["tel"] = LeadColumn.Phone,
        ["whatsapp"] = LeadColumn.Phone,
        ["whatsappnumber"] = LeadColumn.Phone,

        ["email"] = LeadColumn.Email,
        ["emailaddress"] = LeadColumn.Email,
        ["mail"] = LeadColumn.Email,
        ["emailid"] = LeadColumn.Email,
        ["workemail"] = LeadColumn.Email,

        ["status"] = LeadColumn.Status,
        ["leadstatus"] = LeadColumn.Status,
        ["stage"] = LeadColumn.Status,

        ["tags"] = LeadColumn.Tags,
        ["tag"] = LeadColumn.Tags,
        ["labels"] = LeadColumn.Tags,
        ["label"] = LeadColumn.Tags,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly IReadOnlyDictionary<string, LeadColumn> _accountAliases;

    /// <summary>The matcher with only the built-in aliases.</summary>
    public static FieldNameMatcher Default { get; } = new(new Dictionary<string, LeadColumn>());

    /// <param name="accountAliases">Extra names an account added, such as "Customer Mobile" → Phone; keys are matched after <see cref="Canonicalize"/>.</param>
    public FieldNameMatcher(IReadOnlyDictionary<string, LeadColumn> accountAliases)
    {
        _accountAliases = accountAliases.ToDictionary(pair => Canonicalize(pair.Key), pair => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>Returns the lead field that <paramref name="name"/> maps to, or null for an unknown name.</summary>
    public LeadColumn? Match(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = Canonicalize(name);
        if (_accountAliases.TryGetValue(key, out var column) || BuiltIn.TryGetValue(key, out column))
        {
            return column;
        }

        return null;
    }

    /// <summary>
    /// Lower-cases <paramref name="name"/> and drops whitespace, <c>_</c>, <c>-</c>, <c>.</c> and
    /// format characters such as a byte-order mark, so spelling variants compare equal.
    /// </summary>
    public static string Canonicalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || c is '_' or '-' or '.' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
