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
        var errors = new List<FieldError>();

        var firstName = TextRules.Clean(input.FirstName);
        if (firstName is null)
        {
            errors.Add(new FieldError(LeadFields.FirstName, input.FirstName, FieldErrorCodes.Required,
                "First name is required."));
        }
        else
        {
            AddIfPresent(errors, TextRules.Check(LeadFields.FirstName, input.FirstName, firstName, TextRules.MaxNameLength));
        }

        var lastName = TextRules.Clean(input.LastName);
        AddIfPresent(errors, TextRules.Check(LeadFields.LastName, input.LastName, lastName, TextRules.MaxNameLength));

        var phone = PhoneNormalizer.Normalize(input.Phone, rules.DefaultRegion);
        AddIfPresent(errors, phone.Error);

        var email = TextRules.Clean(input.Email);
        AddIfPresent(errors, EmailRules.Check(input.Email, email));

        var (tags, tagError) = TagRules.Parse(input.Tags);
        AddIfPresent(errors, tagError);

        var statusText = TextRules.Clean(input.Status);
        var status = statusText is null ? DefaultPipeline.DefaultStatus : rules.FindStatus(statusText);
        if (status is null)
        {
            errors.Add(rules.UnknownStatus(input.Status));
        }

        if (errors.Count > 0)
        {
            return new LeadValidation(null, errors);
        }

        var lead = new NormalizedLead(firstName!, lastName, phone.Phone!, email, tags, status!);
        return new LeadValidation(lead, []);
    }

    private static void AddIfPresent(List<FieldError> errors, FieldError? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }
}
