using System.Net;
using System.Net.Sockets;

namespace Calliyo.Testing;

/// <summary>Finds loopback ports that nothing listens on, so parallel test hosts do not collide.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
