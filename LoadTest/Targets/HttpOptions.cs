using Medisettle.Grains.Demo;

namespace Medisettle.LoadTest.Targets;

/// <summary>Where the gateway is and how to talk to it.</summary>
public sealed record HttpOptions
{
    /// <summary>Gateway base address; loopback only (the tool refuses other hosts).</summary>
    public Uri BaseAddress { get; init; } = new("http://127.0.0.1:5080");

    /// <summary>
    /// The demo institutions' signing secrets (random per data directory: the silo writes them to
    /// <c>{data-dir}/demo-credentials.json</c>, <see cref="DemoCredentials.ReadFile"/> reads them).
    /// </summary>
    public required DemoCredentials Credentials { get; init; }

    /// <summary>Admin bearer token for <c>GET /admin/v1/audit</c>; without it the audit is reported unavailable.</summary>
    public string? AdminToken { get; init; }

    /// <summary>TCP connections to the gateway at most.</summary>
    public int ConnectionsMax { get; init; } = 256;

    /// <summary>
    /// When set, every acknowledged settlement is appended to this file as it arrives (warm-up included), one
    /// <see cref="Acknowledgements.AcknowledgementLine"/> per line; <c>verify</c> checks the file against the service.
    /// </summary>
    public string? AcknowledgementsPath { get; init; }

    /// <summary>
    /// When set, every request sent (helpers, settlements, cancels, retries) is appended to this file with its answer, one
    /// <see cref="Recording.RecordedRequest"/> JSON line each (a request that got no answer is recorded without one);
    /// <c>replay</c> re-runs the file at its original dates.
    /// </summary>
    public string? RecordingPath { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
