using Calliyo.Domain.Imports;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>Invalid, placeholder, multi-number, lettered and foreign phone numbers, one per record.</summary>
public sealed class InvalidPhoneTests
{
    private const string Folder = "14-invalid-and-foreign-phones";
    private const string FileName = "leads-invalid-phones.csv";

    [Fact]
    public void Plan_ImportsThreeReportsTen_InvalidPhones()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.Equal(3, plan.ImportCount);
        Assert.Equal(0, plan.DuplicateInFileCount);
        Assert.Equal(10, plan.ErrorCount);
    }

    [Theory]
    [InlineData(10, 11, "Oliver", "Brown", "+447911123456", "oliver.brown@example.com")]
    [InlineData(11, 12, "Emily", "Clark", "+16502530000", "emily.clark@example.com")]
    [InlineData(13, 14, "Priya", "Sen", "+919876540140", "priya.sen@example.com")]
    public void Plan_ImportsValidNumber_KeepsItsCountry(int record, int line, string firstName, string lastName, string e164, string email)
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, "New", []);
    }

    [Theory]
    [InlineData(1, 2, "98765 4321", FieldErrorCodes.InvalidPhone)]
    [InlineData(2, 3, "98765 432109", FieldErrorCodes.InvalidPhone)]
    [InlineData(3, 4, "+91 55555 55555", FieldErrorCodes.InvalidPhone)]
    [InlineData(4, 5, "98765 43210 (Asha)", FieldErrorCodes.PhoneContainsText)]
    [InlineData(5, 6, "98765 40145 (Ma)", FieldErrorCodes.PhoneContainsText)]
    [InlineData(6, 7, "98765 4O146", FieldErrorCodes.PhoneContainsText)]
    [InlineData(7, 8, "N/A", FieldErrorCodes.Required)]
    [InlineData(8, 9, "", FieldErrorCodes.Required)]
    [InlineData(9, 10, "98765 40148 / 98765 40149", FieldErrorCodes.MultiplePhones)]
    [InlineData(12, 13, "0000000000", FieldErrorCodes.InvalidPhone)]
    public void Plan_ReportsPhoneError_PerRecord(int record, int line, string cell, string code)
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        var verdict = plan.Record(record);
        var error = Assert.Single(verdict.Errors);

        Assert.Equal(ImportRowOutcome.Error, verdict.Outcome);
        Assert.Equal(line, verdict.Line);
        Assert.Equal(LeadFields.Phone, error.Field);
        Assert.Equal(code, error.Code);
        Assert.Equal(cell, error.Value);
        Assert.Equal(cell, verdict.Row.Fields[2]);
    }

    [Fact]
    public void Plan_QuotesCell_InErrorMessage()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        var errors = plan.Rows.SelectMany(row => row.Errors).Where(error => !string.IsNullOrEmpty(error.Value));

        Assert.All(errors, error => Assert.Contains($"'{error.Value}'", error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_GivesDistinctMessages_TenErrors()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        var messages = plan.Rows.SelectMany(row => row.Errors).Select(error => error.Message).Distinct().Count();

        Assert.Equal(10, messages);
    }
}
