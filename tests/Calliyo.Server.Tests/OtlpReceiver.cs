using System.Collections.Concurrent;
using System.Net;
using Calliyo.Testing;

namespace Calliyo.Server.Tests;

/// <summary>
/// A stand-in OpenTelemetry collector on a loopback port: it accepts OTLP over HTTP
/// (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>), responds with 200 and keeps each body.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _requests = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Endpoint = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<(string Path, byte[] Body)> Requests => [.. _requests];

    /// <summary>Waits up to <paramref name="timeout"/> until <paramref name="isComplete"/> holds for the requests received; returns whether it did.</summary>
    public async Task<bool> WaitForAsync(TimeSpan timeout, Func<IReadOnlyList<(string Path, byte[] Body)>, bool> isComplete)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (isComplete(Requests))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _requests.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
