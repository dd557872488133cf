namespace Calliyo.Server.AdminUi;

/// <summary>The first admin user of the admin pages. Bound from the <c>Calliyo</c> section.</summary>
public sealed class AdminUiOptions
{
    public const string SectionName = "Calliyo";

    /// <summary>
    /// Email of the admin user that the first start creates in the default account. Default
    /// <c>admin@calliyo.local</c>. Environment: <c>Calliyo__BootstrapAdminEmail</c>.
    /// </summary>
    public string BootstrapAdminEmail { get; set; } = "admin@calliyo.local";

    /// <summary>
    /// Password of that admin user, read only when the user is created. When empty, the first
    /// start generates a password and prints it once to the console (never to the log).
    /// Environment: <c>Calliyo__BootstrapAdminPassword</c>.
    /// </summary>
    public string? BootstrapAdminPassword { get; set; }
}
