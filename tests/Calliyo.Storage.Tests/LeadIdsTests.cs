using Calliyo.Storage.Leads;

namespace Calliyo.Storage.Tests;

public sealed class LeadIdsTests
{
    [Fact]
    public void Next_SameMillisecond_SortsInCreationOrder()
    {
        var now = DateTimeOffset.UtcNow;

        var ids = Enumerable.Range(0, 10_000).Select(_ => LeadIds.Next(now).ToString("D")).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Next_IsVersion7WithRfcVariant()
    {
        var id = LeadIds.Next(DateTimeOffset.UtcNow).ToString("N");

        Assert.Equal('7', id[12]);
        Assert.Contains(id[16], "89ab");
    }

    [Fact]
    public void Next_CarriesTheTimestamp()
    {
        var now = DateTimeOffset.UtcNow.AddDays(1);

        var id = LeadIds.Next(now).ToString("N");

        Assert.Equal(now.ToUnixTimeMilliseconds(), Convert.ToInt64(id[..12], 16));
    }
}
