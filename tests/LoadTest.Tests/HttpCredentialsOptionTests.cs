using Medisettle.Grains.Demo;
using Medisettle.LoadTest.Cli;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>http</c> signs with the silo's demo secrets, which are random per data directory: it reads them from <c>--credentials</c>.</summary>
public sealed class HttpCredentialsOptionTests
{
    [Fact]
    public void Credentials_default_to_the_silo_data_directory()
    {
        var result = LoadTestCommands.Create().Parse(["http"]);

        Assert.Empty(result.Errors);
        Assert.Equal(Path.Combine("data", "demo-credentials.json"), result.GetValue<string>("--credentials"));
    }

    [Fact]
    public async Task Http_with_no_credentials_file_exits_2_before_sending_anything()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"medisettle-none-{Guid.NewGuid():N}", "demo-credentials.json");

        var exit = await LoadTestCommands.Create().Parse(["http", "--url", "http://127.0.0.1:1", "--credentials", missing, "--duration", "1"]).InvokeAsync();

        Assert.Equal(2, exit);
    }

    [Fact]
    public void Credentials_file_without_an_institutions_object_is_refused_by_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"medisettle-creds-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"gateway":"http://127.0.0.1:5080"}""");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => DemoCredentials.ReadFile(path));

            Assert.Equal($"'{path}' has no \"institutions\" object of institution secrets.", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
