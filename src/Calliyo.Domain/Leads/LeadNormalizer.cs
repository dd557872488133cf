using Calliyo.Domain.Accounts;
using Calliyo.Domain.Phones;

namespace Calliyo.Domain.Leads;

/// <summary>
/// The one validation and normalization path for every capture source (manual, CSV, webhook,
/// API). It reports every bad field at once so a person can fix a lead in one pass.
/// </summary>
public static class LeadNormalizer
{
    public static LeadValidation Normalize(LeadInput input, AccountRules rules)
    {
        // Allocated on the first error only: most leads of a bulk import are valid.
        List<FieldError>? errors = null;

        var firstName = TextRules.Clean(input.FirstName);
        if (firstName is null)
        {
            AddIfPresent(ref errors, new FieldError(LeadFields.FirstName, input.FirstName, FieldErrorCodes.Required,
                "First name is required."));
        }
        else
        {
            AddIfPresent(ref errors, TextRules.Check(LeadFields.FirstName, input.FirstName, firstName, TextRules.MaxNameLength));
        }

        var lastName = TextRules.Clean(input.LastName);
        AddIfPresent(ref errors, TextRules.Check(LeadFields.LastName, input.LastName, lastName, TextRules.MaxNameLength));

        var phone = PhoneNormalizer.Normalize(input.Phone, rules.DefaultRegion);
        AddIfPresent(ref errors, phone.Error);

        var email = TextRules.Clean(input.Email);
        AddIfPresent(ref errors, EmailRules.Check(input.Email, email));

        var (tags, tagError) = TagRules.Parse(input.Tags);
        AddIfPresent(ref errors, tagError);

        var statusText = TextRules.Clean(input.Status);
        var status = statusText is null ? DefaultPipeline.DefaultStatus : rules.FindStatus(statusText);
        if (status is null)
        {
            AddIfPresent(ref errors, rules.UnknownStatus(input.Status));
        }

        if (errors is not null)
        {
            return new LeadValidation(null, errors);
        }

        var lead = new NormalizedLead(firstName!, lastName, phone.Phone!, email, tags, status!);
        return new LeadValidation(lead, []);
    }

    private static void AddIfPresent(ref List<FieldError>? errors, FieldError? error)
    {
        if (error is not null)
        {
            (errors ??= []).Add(error);
        }
    }
}
