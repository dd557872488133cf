namespace Calliyo.Domain.Leads;

/// <summary>
/// Syntax check for email addresses: one <c>@</c>, a non-empty local part, a domain with a dot
/// and no empty label, and no whitespace. It does not look up the domain.
/// </summary>
public static class EmailRules
{
    public static FieldError? Check(string? raw, string? cleaned)
    {
        if (cleaned is null)
        {
            return null;
        }

        var lengthOrControl = TextRules.Check(LeadFields.Email, raw, cleaned, TextRules.MaxEmailLength);
        if (lengthOrControl is not null)
        {
            return lengthOrControl;
        }

        return IsValid(cleaned)
            ? null
            : new FieldError(LeadFields.Email, raw, FieldErrorCodes.InvalidEmail,
                $"Email '{raw}' is not a valid address; send one such as name@example.com, or leave it empty.");
    }

    private static bool IsValid(string email)
    {
        var at = email.IndexOf('@');
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1)
        {
            return false;
        }

        if (email.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '(' or ')' or ',' or ';' or ':' or '"' or '[' or ']' or '\\'))
        {
            return false;
        }

        var local = email[..at];
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        var labels = email[(at + 1)..].Split('.');
        return labels.Length >= 2
            && labels.All(label => label.Length > 0 && !label.StartsWith('-') && !label.EndsWith('-'))
            && labels[^1].Length >= 2;
    }
}
