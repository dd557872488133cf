using Calliyo.Domain.Tokens;
using Calliyo.Server.Auth;
using Calliyo.Server.Http;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Calliyo.Server.Operations;

/// <summary><c>GET /v1/cluster</c>: the Orleans cluster in the membership snapshot of the silo that handles the request, for admins.</summary>
public static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/cluster", GetCluster).WithTags("Cluster")
            .RequireScope(TokenScopes.SettingsWrite)
            .Produces<ClusterView>()
            .ProducesErrors(401, 403)
            .WithSummary("Read the silos of the cluster and their membership status, from the membership snapshot of the silo that handles the request (scope settings:write).");
        return app;
    }

    private static IResult GetCluster(IClusterMembershipService membership, ILocalSiloDetails localSilo, IOptions<ClusterOptions> cluster)
    {
        var snapshot = membership.CurrentSnapshot;
        var silos = snapshot.Members.Values
            .Where(member => member.Status != SiloStatus.Dead)
            .OrderBy(member => member.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .Select(member => new SiloView(member.SiloAddress.ToParsableString(), member.Name, StatusName(member.Status),
                member.SiloAddress.Equals(localSilo.SiloAddress)))
            .ToList();

        return Results.Ok(new ClusterView(
            cluster.Value.ClusterId,
            localSilo.SiloAddress.ToParsableString(),
            silos.Count(silo => silo.Status == "active"),
            snapshot.Version.Value,
            silos));
    }

    private static string StatusName(SiloStatus status) => status switch
    {
        SiloStatus.ShuttingDown => "shutting_down",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <summary>The cluster in one silo's membership snapshot, without dead silos.</summary>
/// <param name="ClusterId">The cluster id (<c>Orleans:ClusterId</c>) that the silos share.</param>
/// <param name="LocalSilo">The address of the silo that handled the request, as <c>ip:port@generation</c>.</param>
/// <param name="ActiveSilos">How many silos are active.</param>
/// <param name="MembershipVersion">The membership table version this view was read at; it grows with every change.</param>
/// <param name="Silos">Every silo that is not dead.</param>
public sealed record ClusterView(string ClusterId, string LocalSilo, int ActiveSilos, long MembershipVersion, IReadOnlyList<SiloView> Silos);

/// <summary>One silo of the cluster.</summary>
/// <param name="Address">Its address as <c>ip:port@generation</c>.</param>
/// <param name="Name">Its silo name (the host or pod name).</param>
/// <param name="Status">Its membership status: joining, active, shutting_down or stopping.</param>
/// <param name="IsLocal">True for the silo that handled the request.</param>
public sealed record SiloView(string Address, string Name, string Status, bool IsLocal);
