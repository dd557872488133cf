using System.Diagnostics.Metrics;
using Orleans.Runtime;

namespace Calliyo.Grains.Telemetry;

/// <summary>
/// Silos by membership status in this silo's membership snapshot, read when metrics are
/// collected. Every silo reports its own snapshot, so a split cluster shows as silos whose
/// counts disagree.
/// </summary>
public sealed class ClusterMetrics
{
    /// <summary>Observed count of silos by <c>calliyo.silo.status</c>, dead silos excluded; unit <c>{silo}</c>.</summary>
    public const string Silos = "calliyo.cluster.silos";

    private readonly IClusterMembershipService _membership;

    public ClusterMetrics(IMeterFactory meterFactory, IClusterMembershipService membership)
    {
        _membership = membership;
        meterFactory.Create(CalliyoTelemetry.Name).CreateObservableUpDownCounter(
            Silos, Observe, "{silo}", "Silos of the cluster by membership status in this silo's membership snapshot, without dead silos.");
    }

    private IEnumerable<Measurement<int>> Observe()
    {
        var members = _membership.CurrentSnapshot.Members.Values;

        // Active is always reported, so a dashboard shows 0 instead of no data while the silo starts.
        yield return Count(members, SiloStatus.Active);
        foreach (var status in members.Select(member => member.Status).Where(status => status is not SiloStatus.Active and not SiloStatus.Dead).Distinct())
        {
            yield return Count(members, status);
        }
    }

    private static Measurement<int> Count(IEnumerable<ClusterMember> members, SiloStatus status) =>
        new(members.Count(member => member.Status == status), new KeyValuePair<string, object?>(CalliyoTelemetry.Attributes.SiloStatus, StatusValue(status)));

    private static string StatusValue(SiloStatus status) => status switch
    {
        SiloStatus.Active => "active",
        SiloStatus.Created => "created",
        SiloStatus.Joining => "joining",
        SiloStatus.ShuttingDown => "shutting_down",
        SiloStatus.Stopping => "stopping",
        SiloStatus.Dead => "dead",
        _ => "other",
    };
}
