using Calliyo.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting.Kubernetes;

namespace Calliyo.Server.Tests;

/// <summary>The <c>Orleans:Kubernetes</c> switch: off by default, and rejected where it cannot work.</summary>
public sealed class ClusterHostingTests
{
    [Fact]
    public async Task Kubernetes_OutsideAPod_FailsStartNamingTheSetting()
    {
        await using var factory = new CalliyoServerFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:Calliyo"] = "Host=127.0.0.1;Port=1;Username=nobody",
            ["Orleans:Kubernetes"] = "true",

            // Outside a pod whatever the environment of the test run.
            ["KUBERNETES_SERVICE_HOST"] = "",
        });

        var exception = Assert.ThrowsAny<Exception>(() => factory.Server);

        var message = Innermost(exception).Message;
        Assert.Contains("KUBERNETES_SERVICE_HOST", message, StringComparison.Ordinal);
        Assert.Contains("Orleans__Kubernetes=false", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubernetes_OnSqlite_FailsStartNamingTheProvider()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"calliyo-test-{Guid.NewGuid():N}");
        await using var factory = new CalliyoServerFactory(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = directory,
            ["Orleans:Kubernetes"] = "true",
            ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1",
        });

        var exception = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Storage__Provider=PostgreSql", Innermost(exception).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubernetes_ByDefault_AddsNoClusterAgent()
    {
        var backend = new SqliteBackend();
        await using var factory = new CalliyoServerFactory(backend.Settings);

        var participants = factory.Services.GetServices<Orleans.ILifecycleParticipant<Orleans.Runtime.ISiloLifecycle>>();
        var configurators = factory.Services.GetServices<Microsoft.Extensions.Options.IConfigureOptions<KubernetesHostingOptions>>();

        Assert.NotEmpty(participants);
        Assert.DoesNotContain(participants, participant => participant is KubernetesClusterAgent);
        Assert.Empty(configurators);
        Assert.False(new SiloOptions().Kubernetes);
        await backend.DisposeAsync();
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;
}
