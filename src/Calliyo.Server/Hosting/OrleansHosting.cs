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

        builder.UseOrleans(siloBuilder =>
        {
            siloBuilder.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = silo.ClusterId;
                options.ServiceId = ServiceId;
            });

            if (provider == StorageProvider.PostgreSql)
            {
                var address = string.IsNullOrWhiteSpace(silo.AdvertisedAddress) ? null : IPAddress.Parse(silo.AdvertisedAddress);
                siloBuilder.ConfigureEndpoints(address ?? FirstIPv4Address(), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: true);
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

    private static IPAddress FirstIPv4Address() =>
        Dns.GetHostAddresses(Dns.GetHostName())
            .FirstOrDefault(address => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
        ?? IPAddress.Loopback;
}
