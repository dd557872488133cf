namespace Calliyo.Storage.Users;

/// <summary>
/// A person who signs in to the admin pages. <see cref="Email"/> is stored trimmed and in lower
/// case; <see cref="PasswordHash"/> is the output of ASP.NET Core's <c>PasswordHasher</c>, never
/// the password.
/// </summary>
public sealed record UserRecord(
    Guid Id,
    Guid AccountId,
    string Email,
    string Role,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt);

/// <summary>The roles a user can have. Stored as these lower-case strings.</summary>
public static class UserRoles
{
    /// <summary>Imports files and manages webhook keys, API tokens, statuses and users, besides what an agent does.</summary>
    public const string Admin = "admin";

    /// <summary>Views leads and adds single leads.</summary>
    public const string Agent = "agent";

    public static IReadOnlyList<string> All { get; } = [Admin, Agent];
}
