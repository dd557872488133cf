using Microsoft.Extensions.Options;

namespace Calliyo.Server.Operations;

/// <summary>
/// Logs the steps of a graceful stop (SIGTERM, Ctrl+C, a Kubernetes pod deletion). The host
/// stops in reverse registration order: HTTP first (it stops accepting connections and lets
/// requests in flight finish), then the silo (it leaves the cluster and deactivates its
/// grains), then the lead writer (it commits every lead still queued). Requests still running
/// when <see cref="HostOptions.ShutdownTimeout"/> ends are aborted.
/// </summary>
internal sealed partial class ShutdownLogging(
    IHostApplicationLifetime lifetime,
    IOptions<HostOptions> hostOptions,
    TimeProvider timeProvider,
    ILogger<ShutdownLogging> logger) : IHostedService
{
    private long _stopRequested;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() =>
        {
            _stopRequested = timeProvider.GetTimestamp();
            LogStopping(hostOptions.Value.ShutdownTimeout.TotalSeconds);
        });
        lifetime.ApplicationStopped.Register(() => LogStopped(timeProvider.GetElapsedTime(_stopRequested).TotalSeconds));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Stopping: HTTP drains requests in flight, then the silo leaves the cluster and the lead writer commits its queue (limit {TimeoutSeconds} s)")]
    private partial void LogStopping(double timeoutSeconds);

    /// <summary>Logged once every hosted service has stopped or the shutdown timeout cut it short; compare the time with the limit.</summary>
    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Stopped {ElapsedSeconds:F1} s after the stop request")]
    private partial void LogStopped(double elapsedSeconds);
}
