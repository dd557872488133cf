using System.Net;

namespace Calliyo.Server.Hosting;

/// <summary>How this process joins the Orleans cluster. Bound from the <c>Orleans</c> section.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Orleans";

    /// <summary>
    /// The cluster this silo joins; silos that share the database and this id form one cluster.
    /// Default <c>calliyo</c>. Environment: <c>Orleans__ClusterId</c>.
    /// </summary>
    public string ClusterId { get; set; } = "calliyo";

    /// <summary>Port for silo-to-silo traffic. Default 11111. Environment: <c>Orleans__SiloPort</c>.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients; 0 turns the gateway off. Default 30000. Environment: <c>Orleans__GatewayPort</c>.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The IP address other silos use to reach this one. Default: loopback on SQLite, the
    /// first non-loopback IPv4 address on PostgreSQL. Environment: <c>Orleans__AdvertisedAddress</c>.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// Turns on Orleans' Kubernetes integration: the silo takes its name from the pod, advertises
    /// the pod IP (<c>POD_IP</c>) unless <see cref="AdvertisedAddress"/> is set, labels its pod
    /// with the cluster and service ids, and watches the cluster's pods through the Kubernetes
    /// API, which needs a role that may get, list, watch and patch pods. Requires PostgreSQL
    /// storage and a pod to run in. Default false. Environment: <c>Orleans__Kubernetes</c>.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>Returns true when <see cref="AdvertisedAddress"/> is empty or a valid IP address.</summary>
    public bool HasValidAddress() => string.IsNullOrWhiteSpace(AdvertisedAddress) || IPAddress.TryParse(AdvertisedAddress, out _);
}
