using System.CommandLine;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>--url</c> of the commands that talk to a running gateway. System.CommandLine 2.0 has no built-in conversion to
/// <see cref="Uri"/>, so the option parses it itself (an absolute http or https address).
/// </summary>
internal static class GatewayUrlOption
{
    public static readonly Uri Default = new("http://127.0.0.1:5080");

    public static Option<Uri> Create() => new("--url")
    {
        Description = "Gateway base address (loopback only)",
        DefaultValueFactory = _ => Default,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            result.AddError($"--url must be an absolute http:// or https:// address, not '{text}'.");
            return null;
        },
    };
}
