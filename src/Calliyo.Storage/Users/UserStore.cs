using System.Data.Common;

namespace Calliyo.Storage.Users;

/// <summary>Stores the users of the admin pages. An email belongs to one user across all accounts.</summary>
public sealed class UserStore(CalliyoDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "id, account_id, email, role, password_hash, created_at, last_sign_in_at";

    private SqlDialect Dialect => database.Dialect;

    /// <summary>Returns the form in which emails are stored and compared: trimmed, in lower case.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Inserts a user; returns false when another user already has the email, in which case nothing is written.</summary>
    public async Task<bool> TryCreateAsync(UserRecord user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO users ({Columns})
            VALUES (@id, @account_id, @email, @role, @password_hash, @created_at, NULL)
            """;
        SqlDialect.Add(command, "id", Dialect.Id(user.Id));
        SqlDialect.Add(command, "account_id", Dialect.Id(user.AccountId));
        SqlDialect.Add(command, "email", NormalizeEmail(user.Email));
        SqlDialect.Add(command, "role", user.Role);
        SqlDialect.Add(command, "password_hash", user.PasswordHash);
        SqlDialect.Add(command, "created_at", Dialect.Time(user.CreatedAt));

        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbException exception) when (UniqueViolations.IsUniqueViolation(exception))
        {
            return false;
        }
    }

    /// <summary>Returns the user with <paramref name="email"/> (any letter case), or null.</summary>
    public async Task<UserRecord?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE lower(email) = @email";
        SqlDialect.Add(command, "email", NormalizeEmail(email));

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Returns the user, or null when it does not exist in <paramref name="accountId"/>.</summary>
    public async Task<UserRecord?> FindAsync(Guid accountId, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE account_id = @account_id AND id = @id";
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));
        SqlDialect.Add(command, "id", Dialect.Id(userId));

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Lists an account's users, oldest first.</summary>
    public async Task<IReadOnlyList<UserRecord>> ListAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE account_id = @account_id ORDER BY created_at, id";
        SqlDialect.Add(command, "account_id", Dialect.Id(accountId));

        var users = new List<UserRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add(Read(reader));
        }

        return users;
    }

    /// <summary>Records a successful sign-in, and stores <paramref name="newPasswordHash"/> when the hasher asked for a rehash.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Chooses between two fixed statements; values are bound as parameters.")]
    public async Task RecordSignInAsync(Guid userId, string? newPasswordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = newPasswordHash is null
            ? "UPDATE users SET last_sign_in_at = @now WHERE id = @id"
            : "UPDATE users SET last_sign_in_at = @now, password_hash = @password_hash WHERE id = @id";
        SqlDialect.Add(command, "id", Dialect.Id(userId));
        SqlDialect.Add(command, "now", Dialect.Time(timeProvider.GetUtcNow()));
        if (newPasswordHash is not null)
        {
            SqlDialect.Add(command, "password_hash", newPasswordHash);
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private UserRecord Read(DbDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        Dialect.ReadTime(reader, 5),
        reader.IsDBNull(6) ? null : Dialect.ReadTime(reader, 6));
}
