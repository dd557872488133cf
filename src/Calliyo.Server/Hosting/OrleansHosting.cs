using System.Net;
using Calliyo.Grains.Hosting;
using Calliyo.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Calliyo.Server.Hosting;

public static class OrleansHosting
{
    /// <summary>
    /// Every Calliyo deployment uses this service id. Orleans scopes grain state and reminders
    /// by it, so changing it would hide all stored state.
    /// </summary>
    public const string ServiceId = "calliyo";

    /// <summary>
    /// Co-hosts an Orleans silo in the web host. On SQLite the silo runs alone with localhost
    /// clustering; on PostgreSQL silos find each other through the membership table. Grain
    /// state and reminders use the ADO.NET providers on the same database in both cases.
    /// </summary>
    public static WebApplicationBuilder AddCalliyoSilo(this WebApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        if (!silo.HasValidAddress())
        {
            throw new InvalidOperationException(
                $"Orleans:AdvertisedAddress '{silo.AdvertisedAddress}' is not an IP address; set Orleans__AdvertisedAddress to this host's IP, such as 10.0.0.5.");
        }

        var provider = builder.Configuration.GetValue(StorageOptions.SectionName + ":Provider", StorageProvider.Sqlite);
        CheckKubernetes(silo, provider, builder.Configuration);

        builder.UseOrleans(siloBuilder =>
        {
            // Registered first so that Calliyo's cluster and service ids below win over the
            // ORLEANS_CLUSTER_ID and ORLEANS_SERVICE_ID variables that the integration reads.
            if (silo.Kubernetes)
            {
                siloBuilder.UseKubernetesHosting();
            }

            siloBuilder.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = silo.ClusterId;
                options.ServiceId = ServiceId;
            });

            if (provider == StorageProvider.PostgreSql)
            {
                var address = string.IsNullOrWhiteSpace(silo.AdvertisedAddress) ? null : IPAddress.Parse(silo.AdvertisedAddress);
                if (silo.Kubernetes && address is null)
                {
                    // The Kubernetes integration advertises the pod IP and listens on every address.
                    siloBuilder.Configure<EndpointOptions>(endpoints =>
                    {
                        endpoints.SiloPort = silo.SiloPort;
                        endpoints.GatewayPort = silo.GatewayPort;
                    });
                }
                else
                {
                    siloBuilder.ConfigureEndpoints(address ?? FirstIPv4Address(), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: true);
                }

                siloBuilder.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringSiloOptions> options) =>
                    options.Configure<CalliyoDatabase>((clustering, database) =>
                    {
                        clustering.Invariant = database.OrleansInvariant;
                        clustering.DataSource = database.DataSource;
                    }));
            }
            else
            {
                siloBuilder.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: ServiceId, clusterId: silo.ClusterId);
            }

            siloBuilder.AddCalliyoGrains();
        });

        return builder;
    }

    /// <summary>
    /// Rejects <c>Orleans:Kubernetes</c> where the integration cannot work: its cluster agent
    /// calls the Kubernetes API from inside a pod, and membership must be in PostgreSQL.
    /// </summary>
    private static void CheckKubernetes(SiloOptions silo, StorageProvider provider, IConfiguration configuration)
    {
        if (!silo.Kubernetes)
        {
            return;
        }

        if (provider != StorageProvider.PostgreSql)
        {
            throw new InvalidOperationException(
                "Orleans:Kubernetes is true but Storage:Provider is Sqlite; a Kubernetes cluster needs Storage__Provider=PostgreSql, or set Orleans__Kubernetes=false.");
        }

        if (string.IsNullOrWhiteSpace(configuration["KUBERNETES_SERVICE_HOST"]))
        {
            throw new InvalidOperationException(
                "Orleans:Kubernetes is true but this process is not in a Kubernetes pod (KUBERNETES_SERVICE_HOST is not set); set Orleans__Kubernetes=false outside Kubernetes.");
        }
    }

    private static IPAddress FirstIPv4Address() =>
        Dns.GetHostAddresses(Dns.GetHostName())
            .FirstOrDefault(address => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
        ?? IPAddress.Loopback;
}
