using System.Net;
using System.Net.Sockets;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.LoadTest.Replay;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary>
/// <c>replay</c>'s scratch silo chooses free ports and binds them later; a port another process took in between makes
/// it start again on new ports, a bounded number of times.
/// </summary>
public sealed class ScratchSiloStartTests
{
    private static readonly DateTimeOffset ClockStart = new(2025, 3, 4, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_start_whose_HTTP_port_was_taken_starts_again_on_new_ports_and_leaves_no_directory_behind()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var chosen = new List<int>();
        int Choose()
        {
            // The first start's HTTP port is the taken one; every other port is free.
            var port = chosen.Count == 0 ? takenPort : ScratchSilo.FreeLoopbackPort();
            chosen.Add(port);
            return port;
        }

        using var root = new TempRoot();
        await using (var silo = await ScratchSilo.StartAsync(2, 1, Packs(), ClockStart, Choose, root.Path, CancellationToken.None))
        {
            Assert.Equal(6, chosen.Count); // two starts of three ports each
            Assert.Equal(chosen[3], silo.BaseAddress.Port);
            Assert.NotEqual(takenPort, silo.BaseAddress.Port);
            using var http = new HttpClient { BaseAddress = silo.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
            Assert.Equal([silo.DirectoryPath], Directory.GetDirectories(root.Path)); // the failed start's directory is gone
        }

        Assert.Empty(Directory.GetDirectories(root.Path));
    }

    [Fact]
    public async Task When_every_start_finds_its_port_taken_the_last_failure_is_reported_after_the_bounded_attempts()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var starts = 0;
        var calls = 0;
        int Choose()
        {
            // Each start asks for three ports, the HTTP port first: that one is always the taken one.
            if (calls++ % 3 == 0)
            {
                starts++;
                return takenPort;
            }

            return ScratchSilo.FreeLoopbackPort();
        }

        using var root = new TempRoot();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ScratchSilo.StartAsync(2, 1, Packs(), ClockStart, Choose, root.Path, CancellationToken.None));

        Assert.Equal(ScratchSilo.StartAttemptsMax, starts);
        Assert.Contains(Chain(error), e => e is Microsoft.AspNetCore.Connections.AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse });
        Assert.Empty(Directory.GetDirectories(root.Path));
    }

    private static PolicyPackCatalog Packs() => PolicyPackLoader.LoadDirectory(PolicyPackLoader.DefaultDirectory);

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
        }
    }

    /// <summary>A directory of this test's own for the scratch silos' directories, removed at the end.</summary>
    private sealed class TempRoot : IDisposable
    {
        private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("scratch-silo-test-");

        public string Path => _directory.FullName;

        public void Dispose() => _directory.Delete(recursive: true);
    }
}
