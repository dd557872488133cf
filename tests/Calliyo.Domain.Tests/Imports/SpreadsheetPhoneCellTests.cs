using System.Text;
using Calliyo.Domain.Imports;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>Phone cells as Excel mangles them, read and planned like any upload.</summary>
public sealed class SpreadsheetPhoneCellTests
{
    [Theory]
    [InlineData("919876543210.0", "+919876543210")]
    [InlineData("'9876543210", "+919876543210")]
    [InlineData("'+91 98765 43210", "+919876543210")]
    [InlineData("\"=\"\"9876543210\"\"\"", "+919876543210")]
    [InlineData("9.19876543210E+11", "+919876543210")]
    [InlineData("\u200E+91\u00A098765\u200B43210\u200F", "+919876543210")]
    [InlineData("\uFEFF9876543210", "+919876543210")]
    [InlineData("\u202A+91 98765 43210\u202C", "+919876543210")]
    public void Plan_ImportsNumber_ExcelMangledCell(string cell, string e164)
    {
        var plan = PlanOneRow(cell);

        var verdict = Assert.Single(plan.Rows);

        Assert.Equal(ImportRowOutcome.Import, verdict.Outcome);
        Assert.Equal(e164, verdict.Lead?.Phone.E164);
    }

    [Theory]
    [InlineData("9.19877E+11", FieldErrorCodes.LossyPhone)]
    [InlineData("9.19877e+11", FieldErrorCodes.LossyPhone)]
    [InlineData("#ERROR!", FieldErrorCodes.InvalidPhone)]
    [InlineData("#VALUE!", FieldErrorCodes.InvalidPhone)]
    [InlineData("#N/A", FieldErrorCodes.InvalidPhone)]
    public void Plan_ReportsPhoneError_ExcelErrorCell(string cell, string code)
    {
        var plan = PlanOneRow(cell);

        var verdict = Assert.Single(plan.Rows);
        var error = Assert.Single(verdict.Errors);

        Assert.Equal(ImportRowOutcome.Error, verdict.Outcome);
        Assert.Equal(LeadFields.Phone, error.Field);
        Assert.Equal(code, error.Code);
        Assert.Equal(cell, error.Value);
    }

    [Fact]
    public void Plan_ExplainsLostDigits_LossyScientificNotation()
    {
        var plan = PlanOneRow("9.19877E+11");

        var error = Assert.Single(plan.Rows[0].Errors);

        Assert.Contains("'9.19877E+11'", error.Message, StringComparison.Ordinal);
        Assert.Contains("format the column as text", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9,19877E+11", ImportRowOutcome.Error)]
    [InlineData("9,19876543210E+11", ImportRowOutcome.Import)]
    public void Plan_ReadsDecimalComma_EuropeanScientificNotation(string cell, ImportRowOutcome outcome)
    {
        var plan = PlanOneRow(cell, delimiter: ';');

        var verdict = Assert.Single(plan.Rows);

        Assert.Equal(outcome, verdict.Outcome);
        Assert.Equal(outcome == ImportRowOutcome.Error ? FieldErrorCodes.LossyPhone : null, verdict.Errors.SingleOrDefault()?.Code);
    }

    private static ImportPlan PlanOneRow(string phoneCell, char delimiter = ',')
    {
        var csv = $"FirstName{delimiter}Phone\r\nAsha{delimiter}{phoneCell}\r\n";
        var file = CaseFiles.ReadAccepted(Encoding.UTF8.GetBytes(csv));
        return new ImportPlanner(CaseFiles.Account).Plan(file);
    }
}
