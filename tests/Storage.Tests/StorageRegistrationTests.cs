using Medisettle.Storage.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medisettle.Storage.Tests;

public sealed class StorageRegistrationTests
{
    [Fact]
    public async Task Bad_options_stop_the_silo_with_a_message_naming_option_and_value()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort())
            .AddSqliteGroupCommitStorageAsDefault(o =>
            {
                o.DatabasePath = Path.Combine(Path.GetTempPath(), $"never-{Guid.NewGuid():N}.db");
                o.GroupCommitBatchMax = 0;
                o.GroupCommitWindow = TimeSpan.FromSeconds(5);
                o.BackgroundCheckpointInterval = TimeSpan.FromMilliseconds(-1);
            }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var validation = FindValidationError(error);
        Assert.Contains("SqliteStorageOptions.GroupCommitBatchMax must be between 1 and 10,000; it is 0.", validation.Failures);
        Assert.Contains("SqliteStorageOptions.GroupCommitWindow must be between 0 and 1 s; it is 00:00:05.", validation.Failures);
        Assert.Contains("SqliteStorageOptions.BackgroundCheckpointInterval must be 0 (checkpoints in the commits) to 10 s; it is -00:00:00.0010000.", validation.Failures);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static OptionsValidationException FindValidationError(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException validation)
            {
                return validation;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault() is { } inner)
            {
                return inner;
            }
        }

        throw new Xunit.Sdk.XunitException($"No OptionsValidationException in {error}");
    }
}
