using Orleans.Runtime;

namespace Calliyo.Server.Operations;

/// <summary>
/// Logs every change of a silo's membership status as this silo learns it, with the number of
/// active silos after the change. A silo declared dead is a warning, so it shows with the
/// default log levels; joins and graceful leaves are information.
/// </summary>
internal sealed partial class MembershipLogging(IClusterMembershipService membership, ILogger<MembershipLogging> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var previous = membership.CurrentSnapshot;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var active = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
                foreach (var change in snapshot.CreateUpdate(previous).Changes)
                {
                    if (change.Status == SiloStatus.Dead)
                    {
                        LogSiloDead(change.SiloAddress.ToParsableString(), change.Name, active);
                    }
                    else
                    {
                        LogSiloStatus(change.SiloAddress.ToParsableString(), change.Name, change.Status.ToString(), active);
                    }
                }

                previous = snapshot;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Silo {SiloAddress} ({SiloName}) is {Status}; {ActiveSilos} active silos")]
    private partial void LogSiloStatus(string siloAddress, string siloName, string status, int activeSilos);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Silo {SiloAddress} ({SiloName}) was declared dead; {ActiveSilos} active silos")]
    private partial void LogSiloDead(string siloAddress, string siloName, int activeSilos);
}
