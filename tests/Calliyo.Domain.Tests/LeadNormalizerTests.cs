using Calliyo.Domain.Accounts;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Tests;

public sealed class LeadNormalizerTests
{
    private static readonly AccountRules Rules = new("IN", [.. DefaultPipeline.Statuses, new("New", false)]);

    [Fact]
    public void Normalize_ValidInput_TrimsAndUsesCanonicalStatus()
    {
        var input = new LeadInput(" Asha ", " Verma ", "98765 43210", " asha@example.com ", ["vip, hot"], " new ");

        var result = LeadNormalizer.Normalize(input, Rules);

        Assert.Empty(result.Errors);
        Assert.Equal(new NormalizedLead("Asha", "Verma", result.Lead!.Phone, "asha@example.com", result.Lead.Tags, "New"), result.Lead);
        Assert.Equal("+919876543210", result.Lead.Phone.E164);
        Assert.Equal(["vip", "hot"], result.Lead.Tags);
    }

    [Fact]
    public void Normalize_NoStatus_UsesDefaultStatus()
    {
        var input = new LeadInput("Asha", null, "9876543210", null, null, "  ");

        var result = LeadNormalizer.Normalize(input, Rules);

        Assert.Equal(DefaultPipeline.DefaultStatus, result.Lead?.Status);
    }

    [Fact]
    public void Normalize_SeveralBadFields_ReportsEveryError()
    {
        var input = new LeadInput(" ", null, "N/A", "not-an-email", null, "Closed");

        var result = LeadNormalizer.Normalize(input, Rules);

        Assert.Null(result.Lead);
        Assert.Equal(
            [LeadFields.FirstName, LeadFields.Phone, LeadFields.Email, LeadFields.Status],
            result.Errors.Select(error => error.Field));
        Assert.Equal(
            [FieldErrorCodes.Required, FieldErrorCodes.Required, FieldErrorCodes.InvalidEmail, FieldErrorCodes.UnknownStatus],
            result.Errors.Select(error => error.Code));
    }

    [Fact]
    public void Normalize_DecomposedAccent_StoresComposedForm()
    {
        var input = new LeadInput("Rene\u0301e", null, "9876543210", null, null, null);

        var result = LeadNormalizer.Normalize(input, Rules);

        Assert.Equal("Ren\u00E9e", result.Lead?.FirstName);
    }

    [Fact]
    public void Normalize_ControlCharacterInName_ReturnsControlCharacters()
    {
        var input = new LeadInput("As\u0007ha", null, "9876543210", null, null, null);

        var result = LeadNormalizer.Normalize(input, Rules);

        Assert.Equal(FieldErrorCodes.ControlCharacters, Assert.Single(result.Errors).Code);
    }
}
