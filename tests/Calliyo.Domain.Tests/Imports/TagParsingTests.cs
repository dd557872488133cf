namespace Calliyo.Domain.Tests.Imports;

/// <summary>Tags split on commas, semicolons and line breaks, trimmed, deduplicated, one spelling per tag.</summary>
public sealed class TagParsingTests
{
    private const string Folder = "19-tags-parsing";
    private const string FileName = "leads-tags.csv";

    [Fact]
    public void Plan_ImportsSevenLeads_TagStyles()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.Equal(7, plan.ImportCount);
        Assert.Equal(0, plan.ErrorCount);
    }

    [Fact]
    public void Plan_CollectsSevenDistinctTags_FirstSpelling()
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        Assert.Equal(["vip", "hot", "demo", "priority", "new", "follow up", "warm"], plan.Tags);
    }

    [Theory]
    [InlineData(1, 2, "Asha", "Verma", "+919876540191", "asha.verma@example.com", new[] { "vip", "hot" })]
    [InlineData(2, 3, "Rahul", "Nair", "+919876540192", "rahul.nair@example.com", new[] { "demo", "priority" })]
    [InlineData(3, 4, "Meera", "Iyer", "+919876540193", "meera.iyer@example.com", new[] { "vip", "hot" })]
    [InlineData(4, 5, "Kabir", "Shah", "+919876540194", "kabir.shah@example.com", new[] { "vip" })]
    [InlineData(5, 6, "Zoya", "Khan", "+919876540195", "zoya.khan@example.com", new[] { "vip", "hot", "new" })]
    [InlineData(6, 7, "Dev", "Patel", "+919876540196", "dev.patel@example.com", new[] { "follow up", "warm" })]
    [InlineData(7, 9, "Isha", "Gupta", "+919876540197", "isha.gupta@example.com", new string[0])]
    public void Plan_AttachesTagsAsListed_PerRecord(int record, int line, string firstName, string lastName, string e164, string email, string[] tags)
    {
        var plan = CaseFiles.Plan(Folder, FileName);

        CaseFiles.AssertImported(plan.Record(record), line, firstName, lastName, e164, email, "New", tags);
    }
}
