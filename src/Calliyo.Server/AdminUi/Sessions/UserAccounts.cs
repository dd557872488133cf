using System.Security.Cryptography;
using Calliyo.Storage.Users;
using Microsoft.AspNetCore.Identity;

namespace Calliyo.Server.AdminUi.Sessions;

/// <summary>Checks passwords and creates users; passwords are hashed with ASP.NET Core's <see cref="PasswordHasher{TUser}"/>.</summary>
public sealed class UserAccounts(UserStore users, IPasswordHasher<UserRecord> hasher, TimeProvider timeProvider)
{
    /// <summary>Fewest characters a password may have.</summary>
    public const int MinPasswordLength = 10;

    /// <summary>Longest accepted password, so that hashing cannot be made to work on megabytes.</summary>
    public const int MaxPasswordLength = 256;

    /// <summary>
    /// Returns the user when <paramref name="password"/> is theirs, and records the sign-in
    /// (with a new hash when the hasher's settings changed); otherwise null. An unknown email
    /// is hashed anyway, so the check takes about as long either way.
    /// </summary>
    public async Task<UserRecord?> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        if (password.Length > MaxPasswordLength)
        {
            return null;
        }

        var user = await users.FindByEmailAsync(email, cancellationToken);
        if (user is null)
        {
            hasher.HashPassword(PlaceholderUser, password);
            return null;
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return null;
        }

        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, password) : null;
        await users.RecordSignInAsync(user.Id, rehash, cancellationToken);
        return user;
    }

    /// <summary>Creates a user with a hashed password; returns null when the email is already taken.</summary>
    public async Task<UserRecord?> CreateAsync(Guid accountId, string email, string role, string password, CancellationToken cancellationToken)
    {
        var draft = new UserRecord(Guid.CreateVersion7(timeProvider.GetUtcNow()), accountId, UserStore.NormalizeEmail(email), role, "", timeProvider.GetUtcNow(), null);
        var user = draft with { PasswordHash = hasher.HashPassword(draft, password) };
        return await users.TryCreateAsync(user, cancellationToken) ? user : null;
    }

    /// <summary>Returns a random password of 20 URL-safe characters (120 bits).</summary>
    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    private static readonly UserRecord PlaceholderUser = new(Guid.Empty, Guid.Empty, "", UserRoles.Agent, "", DateTimeOffset.MinValue, null);
}
