using Npgsql;

namespace Calliyo.Testing;

/// <summary>
/// A fresh PostgreSQL database for one test class, created on the server that the test script
/// started (connection string in <c>CALLIYO_TEST_POSTGRES</c>) and dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string ServerVariable = "CALLIYO_TEST_POSTGRES";

    private readonly string _name = $"calliyo_test_{Guid.NewGuid():N}";
    private string? _serverConnectionString;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(_serverConnectionString))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the suite with scripts/test.sh, which starts a PostgreSQL server and sets it.");
        }

        await ExecuteAsync($"CREATE DATABASE {_name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
