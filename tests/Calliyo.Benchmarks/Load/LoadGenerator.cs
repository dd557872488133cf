using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Calliyo.Benchmarks.Load;

/// <summary>How hard and how long to drive one HTTP target.</summary>
/// <param name="Connections">Concurrent connections, each with one request in flight at a time.</param>
/// <param name="Warmup">Load sent before the measurement starts, counted for stored totals but not for figures.</param>
/// <param name="Duration">Measured time. Requests still in flight at its end are waited for and counted.</param>
internal sealed record LoadSettings(int Connections, TimeSpan Warmup, TimeSpan Duration);

/// <summary>
/// A closed-loop HTTP load generator: each of N workers keeps one POST in flight on its own
/// pooled connection, so the offered load follows the target's speed. Every loop ends by
/// itself at the end of the measured time.
/// </summary>
internal static class LoadGenerator
{
    /// <summary>A request that takes longer than this counts as a transport error.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <param name="keepFirstBodies">True to keep the body of each worker's first response in <see cref="LoadResult.FirstBodies"/>, for a check of what the target returned.</param>
    public static async Task<LoadResult> RunAsync(
        Uri url, string? bearerToken, Func<Random, byte[]> nextBody, LoadSettings settings, CancellationToken cancellationToken,
        string? webhookToken = null, bool keepFirstBodies = false)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = RequestTimeout };
        if (webhookToken is not null)
        {
            client.DefaultRequestHeaders.Add("X-Webhook-Token", webhookToken);
        }

        var authorization = bearerToken is null ? null : new AuthenticationHeaderValue("Bearer", bearerToken);

        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + Ticks(settings.Warmup);
        var stopAt = measureFrom + Ticks(settings.Duration);

        var workers = Enumerable.Range(0, settings.Connections)
            .Select(index => Task.Run(
                () => RunWorkerAsync(client, url, authorization, nextBody, new Random(index), measureFrom, stopAt, keepFirstBodies, cancellationToken),
                cancellationToken))
            .ToArray();

        var results = await Task.WhenAll(workers);
        return LoadResult.Merge(results, measureFrom);
    }

    private static async Task<WorkerResult> RunWorkerAsync(
        HttpClient client, Uri url, AuthenticationHeaderValue? authorization, Func<Random, byte[]> nextBody, Random random,
        long measureFrom, long stopAt, bool keepFirstBody, CancellationToken cancellationToken)
    {
        var result = new WorkerResult();
        var drain = new byte[16 * 1024];

        while (Stopwatch.GetTimestamp() < stopAt)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(nextBody(random)) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = authorization;

            var sent = Stopwatch.GetTimestamp();
            int status;
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                if (keepFirstBody && result.FirstBody is null)
                {
                    using var copy = new MemoryStream();
                    await body.CopyToAsync(copy, cancellationToken);
                    result.FirstBody = copy.ToArray();
                }

                while (await body.ReadAsync(drain, cancellationToken) > 0)
                {
                    // The body is read to its end so that the connection can carry the next request.
                }

                status = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = WorkerResult.TransportError;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                status = WorkerResult.TransportError;
            }

            var completed = Stopwatch.GetTimestamp();
            result.Record(status, measured: sent >= measureFrom, completed - sent, completed);
        }

        return result;
    }

    private static long Ticks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);
}
