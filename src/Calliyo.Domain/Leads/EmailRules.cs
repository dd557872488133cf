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

        foreach (var c in email)
        {
            if (char.IsWhiteSpace(c) || c is '<' or '>' or '(' or ')' or ',' or ';' or ':' or '"' or '[' or ']' or '\\')
            {
                return false;
            }
        }

        var local = email.AsSpan(0, at);
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        var domain = email.AsSpan(at + 1);
        var labelCount = 0;
        var lastLabelLength = 0;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || label.StartsWith('-') || label.EndsWith('-'))
            {
                return false;
            }

            labelCount++;
            lastLabelLength = label.Length;
        }

        return labelCount >= 2 && lastLabelLength >= 2;
    }
}
