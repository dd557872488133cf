using Calliyo.Storage.Migrations;

namespace Calliyo.Storage.Tests;

public abstract class MigrationTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : DatabaseFixture
{
    [Fact]
    public async Task Run_OnMigratedDatabase_AppliesNothing()
    {
        var applied = await fixture.NewRunner().RunAsync(CancellationToken.None);

        Assert.Equal(0, applied);
    }

    [Fact]
    public async Task Run_FromSeveralSilosAtOnce_AllSucceed()
    {
        var databases = Enumerable.Range(0, 4).Select(_ => DatabaseFactory.Create(fixture.Options)).ToList();

        var applied = await Task.WhenAll(databases.Select(database => fixture.NewRunner(database).RunAsync(CancellationToken.None)));

        Assert.All(applied, count => Assert.Equal(0, count));
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public void Catalog_VersionsAreUniqueAndOrdered()
    {
        foreach (var provider in Enum.GetValues<StorageProvider>())
        {
            var versions = MigrationCatalog.For(provider).Select(m => m.Version).ToList();

            Assert.NotEmpty(versions);
            Assert.Equal(versions.Order().Distinct(), versions);
        }
    }

    [Fact]
    public async Task OrleansQuery_HasEveryKeyTheProvidersRead()
    {
        await using var connection = await fixture.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey FROM OrleansQuery";
        var keys = new HashSet<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        string[] persistence = ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"];
        string[] reminders = ["UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey"];
        Assert.Superset(persistence.ToHashSet(), keys);
        Assert.Superset(reminders.ToHashSet(), keys);
        if (fixture.Database.Provider == StorageProvider.PostgreSql)
        {
            string[] clustering = ["InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey"];
            Assert.Superset(clustering.ToHashSet(), keys);
        }
    }
}

public sealed class SqliteMigrationTests(SqliteDatabaseFixture fixture) : MigrationTests<SqliteDatabaseFixture>(fixture);

public sealed class PostgreSqlMigrationTests(PostgreSqlDatabaseFixture fixture) : MigrationTests<PostgreSqlDatabaseFixture>(fixture);
