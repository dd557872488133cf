namespace Calliyo.Grains.Tests;

/// <summary>Our SQL for the Orleans ADO.NET persistence provider, exercised through a real grain.</summary>
public abstract class GrainStateStorageTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : GrainClusterFixture
{
    [Fact]
    public async Task State_WrittenThenReactivated_IsReadBack()
    {
        var grain = fixture.Grains.GetGrain<IProbeGrain>($"probe-{Guid.NewGuid():N}");

        await grain.SetAsync("first");
        await grain.SetAsync("second");
        await grain.DeactivateAsync();

        Assert.Equal("second", await grain.GetAsync());
    }

    [Fact]
    public async Task State_Cleared_ReadsEmptyAndCanBeWrittenAgain()
    {
        var grain = fixture.Grains.GetGrain<IProbeGrain>($"probe-{Guid.NewGuid():N}");
        await grain.SetAsync("value");

        await grain.ClearAsync();
        await grain.DeactivateAsync();
        Assert.Null(await grain.GetAsync());

        await grain.SetAsync("again");
        await grain.DeactivateAsync();
        Assert.Equal("again", await grain.GetAsync());
    }

    [Fact]
    public async Task State_TwoGrains_AreKeptApart()
    {
        var first = fixture.Grains.GetGrain<IProbeGrain>($"probe-{Guid.NewGuid():N}");
        var second = fixture.Grains.GetGrain<IProbeGrain>($"probe-{Guid.NewGuid():N}");

        await first.SetAsync("one");
        await second.SetAsync("two");
        await first.DeactivateAsync();
        await second.DeactivateAsync();

        Assert.Equal("one", await first.GetAsync());
        Assert.Equal("two", await second.GetAsync());
    }
}

public sealed class SqliteGrainStateStorageTests(SqliteGrainClusterFixture fixture)
    : GrainStateStorageTests<SqliteGrainClusterFixture>(fixture);

public sealed class PostgreSqlGrainStateStorageTests(PostgreSqlGrainClusterFixture fixture)
    : GrainStateStorageTests<PostgreSqlGrainClusterFixture>(fixture);
