using System.Text;
using Calliyo.Domain.Imports;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Tests.Imports;

public sealed class ImportPlannerTests
{
    [Fact]
    public void Plan_UsesDefaultStatus_EmptyStatusCell()
    {
        var planner = new ImportPlanner(CaseFiles.Account, new ImportPlanOptions { DefaultStatus = "contacted" });

        var plan = planner.Plan(Read("FirstName,Phone,Status\r\nAsha,9876543210,\r\nRahul,9876543211,New\r\n"));

        Assert.Equal("Contacted", plan.Record(1).Lead?.Status);
        Assert.Equal("New", plan.Record(2).Lead?.Status);
    }

    [Fact]
    public void Plan_UsesDefaultStatus_NoStatusColumn()
    {
        var planner = new ImportPlanner(CaseFiles.Account, new ImportPlanOptions { DefaultStatus = "New" });

        var plan = planner.Plan(Read("FirstName,Phone\r\nAsha,9876543210\r\n"));

        Assert.Equal("New", plan.Record(1).Lead?.Status);
    }

    [Fact]
    public void Plan_KeepsUnknownStatusError_WithDefaultStatus()
    {
        var planner = new ImportPlanner(CaseFiles.Account, new ImportPlanOptions { DefaultStatus = "New" });

        var plan = planner.Plan(Read("FirstName,Phone,Status\r\nAsha,9876543210,Closed\r\n"));

        Assert.Equal(FieldErrorCodes.UnknownStatus, Assert.Single(plan.Record(1).Errors).Code);
    }

    [Fact]
    public void Constructor_Throws_DefaultStatusNotInPipeline()
    {
        var options = new ImportPlanOptions { DefaultStatus = "Closed" };

        var exception = Assert.Throws<ArgumentException>(() => new ImportPlanner(CaseFiles.Account, options));

        Assert.Contains("'Closed'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Unassigned, Assigned", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AddsExtraTags_AfterRowTags()
    {
        var planner = new ImportPlanner(CaseFiles.Account, new ImportPlanOptions { ExtraTags = ["Diwali Campaign", "VIP"] });

        var plan = planner.Plan(Read("FirstName,Phone,Tags\r\nAsha,9876543210,\"vip, hot\"\r\nRahul,9876543211,\r\n"));

        Assert.Equal(["vip", "hot", "Diwali Campaign"], plan.Record(1).Lead?.Tags);
        Assert.Equal(["Diwali Campaign", "vip"], plan.Record(2).Lead?.Tags);
    }

    [Fact]
    public void Constructor_Throws_ExtraTagTooLong()
    {
        var options = new ImportPlanOptions { ExtraTags = [new string('x', TextRules.MaxTagLength + 1)] };

        var exception = Assert.Throws<ArgumentException>(() => new ImportPlanner(CaseFiles.Account, options));

        Assert.Contains("extra tags", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_UsesAccountSpelling_KnownTag()
    {
        var planner = new ImportPlanner(CaseFiles.Account, new ImportPlanOptions { KnownTags = ["VIP"] });

        var plan = planner.Plan(Read("FirstName,Phone,Tags\r\nAsha,9876543210,vip;new\r\n"));

        Assert.Equal(["VIP", "new"], plan.Record(1).Lead?.Tags);
        Assert.Equal(["VIP", "new"], plan.Tags);
    }

    [Fact]
    public void Plan_ListsTagsOfImportsOnly_SkippedRows()
    {
        var plan = new ImportPlanner(CaseFiles.Account).Plan(
            Read("FirstName,Phone,Tags\r\nAsha,9876543210,vip\r\nAsha,09876543210,dup\r\n,9876543211,broken\r\n"));

        Assert.Equal(["vip"], plan.Tags);
    }

    [Fact]
    public void Plan_ImportsLaterRow_EarlierRowInvalid()
    {
        var plan = new ImportPlanner(CaseFiles.Account).Plan(
            Read("FirstName,Phone,Email\r\nAsha,9876543210,not-an-email\r\nRahul,9876543210,rahul@example.com\r\n"));

        Assert.Equal(ImportRowOutcome.Error, plan.Record(1).Outcome);
        Assert.Equal(ImportRowOutcome.Import, plan.Record(2).Outcome);
    }

    [Fact]
    public void Plan_ReportsEveryFieldError_OneRecord()
    {
        var plan = new ImportPlanner(CaseFiles.Account).Plan(
            Read("FirstName,Phone,Email,Status\r\n ,12,bad,Closed\r\n"));

        var fields = plan.Record(1).Errors.Select(error => error.Field);

        Assert.Equal([LeadFields.FirstName, LeadFields.Phone, LeadFields.Email, LeadFields.Status], fields);
    }

    [Fact]
    public void Plan_KeepsRowOrder_VerdictPerRow()
    {
        var file = Read("FirstName,Phone\r\nAsha,9876543210\r\n,,\r\nRahul,9876543211\r\n");

        var plan = new ImportPlanner(CaseFiles.Account).Plan(file);

        Assert.Equal(file.Rows, plan.Rows.Select(verdict => verdict.Row));
        Assert.Equal([ImportRowOutcome.Import, ImportRowOutcome.Blank, ImportRowOutcome.Import], plan.Rows.Select(verdict => verdict.Outcome));
    }

    [Fact]
    public void AsDuplicateOfExistingLead_SetsLeadId_ImportRow()
    {
        var plan = new ImportPlanner(CaseFiles.Account).Plan(Read("FirstName,Phone\r\nAsha,9876543210\r\n"));

        var duplicate = plan.Record(1).AsDuplicateOfExistingLead("lead-42");

        Assert.Equal(ImportRowOutcome.DuplicateOfExistingLead, duplicate.Outcome);
        Assert.Equal("lead-42", duplicate.ExistingLeadId);
        Assert.Equal("+919876543210", duplicate.Lead?.Phone.E164);
        Assert.Equal(ImportRowOutcome.Import, plan.Record(1).Outcome);
    }

    [Fact]
    public void AsDuplicateOfExistingLead_Throws_ErrorRow()
    {
        var plan = new ImportPlanner(CaseFiles.Account).Plan(Read("FirstName,Phone\r\nAsha,12\r\n"));

        Assert.Throws<InvalidOperationException>(() => plan.Record(1).AsDuplicateOfExistingLead("lead-42"));
    }

    [Fact]
    public void Plan_ThrowsOperationCanceled_CancelledToken()
    {
        var file = Read("FirstName,Phone\r\nAsha,9876543210\r\n");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => new ImportPlanner(CaseFiles.Account).Plan(file, cancellation.Token));
    }

    private static ParsedCsvFile Read(string csv) => CaseFiles.ReadAccepted(Encoding.UTF8.GetBytes(csv));
}
