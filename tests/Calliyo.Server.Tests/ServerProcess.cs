using System.Diagnostics;
using System.Globalization;
using Calliyo.Testing;

namespace Calliyo.Server.Tests;

/// <summary>
/// The server binary run as a separate process on loopback ports, for tests that must kill it
/// the way an operating system does (<c>SIGKILL</c>), which an in-memory host cannot imitate.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ServerProcess(Process process, ServerPorts ports)
    {
        _process = process;
        Ports = ports;
    }

    /// <summary>The ports this process uses; pass them to a restart so it takes the dead process's place in the cluster.</summary>
    public ServerPorts Ports { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Ports.Http}");

    /// <summary>What the process wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server with <paramref name="settings"/> as environment variables and waits until it is ready.</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, ServerPorts? ports = null)
    {
        ports ??= ServerPorts.Free();
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "Calliyo.Server.dll"))
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        start.Environment["Urls"] = $"http://127.0.0.1:{ports.Http}";
        start.Environment["Orleans__SiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = ports.Gateway.ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__AdvertisedAddress"] = "127.0.0.1";
        start.Environment["Calliyo__BootstrapToken"] = CalliyoServerFactory.BootstrapToken;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var server = new ServerProcess(Process.Start(start)!, ports);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();

        await server.WaitUntilReadyAsync();
        return server;
    }

    public HttpClient CreateClient(string? token = CalliyoServerFactory.BootstrapToken)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>The exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Sends SIGTERM, as an orchestrator does to stop a container, and returns without waiting;
    /// <see cref="Process"/> has no API for it, so this runs <c>kill -TERM</c>.
    /// </summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit; returns false if it is still running.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Ends the process at once with SIGKILL: no shutdown hooks, no flushing.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;

        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                var response = await client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but still starting.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The server was not ready within {StartTimeout}:\n{Output}");
    }
}

/// <summary>The HTTP, silo and gateway ports of one server process.</summary>
public sealed record ServerPorts(int Http, int Silo, int Gateway)
{
    public static ServerPorts Free() => new(FreePort.Next(), FreePort.Next(), FreePort.Next());
}
