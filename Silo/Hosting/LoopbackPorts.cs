using System.Net;
using System.Net.Sockets;

namespace Medisettle.Silo.Hosting;

/// <summary>
/// Checks before start that the gateway and Orleans ports are free on loopback: Orleans starts (and seeds the demo data)
/// before the gateway binds, so a taken gateway port would otherwise surface only after seeding, as a stack trace.
/// </summary>
public static class LoopbackPorts
{
    /// <summary>Throws <see cref="SiloStartupException"/> naming the first option whose port cannot be bound (only <c>--port</c> for a stand-alone gateway).</summary>
    public static void EnsureFree(SiloHostOptions options, bool httpOnly = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        (string Option, int Port)[] ports = httpOnly
            ? [("--port", options.Port)]
            : [("--port", options.Port), ("--silo-port", options.SiloPort), ("--gateway-port", options.GatewayPort)];
        foreach (var (option, port) in ports)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
            }
            catch (SocketException e)
            {
                var problem = e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use (another silo still running?)" : "cannot be bound: " + e.Message;
                throw new SiloStartupException($"{option} {port}: 127.0.0.1:{port} {problem}", e);
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
