namespace Calliyo.Server.Hosting;

/// <summary>Account bootstrap settings. Bound from the <c>Calliyo</c> section.</summary>
public sealed class CalliyoOptions
{
    public const string SectionName = "Calliyo";

    /// <summary>
    /// When set, this value is an API token with every scope for the default account, so
    /// scripts and deployments know a token in advance. Environment: <c>Calliyo__BootstrapToken</c>.
    /// When empty, the first start generates a token and prints it once.
    /// </summary>
    public string? BootstrapToken { get; set; }

    /// <summary>
    /// Region (ISO 3166-1 alpha-2) of the default account, used to read phone numbers written
    /// without a country code. Default <c>IN</c>. Environment: <c>Calliyo__DefaultRegion</c>.
    /// </summary>
    public string DefaultRegion { get; set; } = "IN";
}
