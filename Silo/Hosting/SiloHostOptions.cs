namespace Medisettle.Silo.Hosting;

/// <summary>
/// Options of the silo program, from the command line (<c>--port 5080</c>), environment (<c>MEDISETTLE_</c>
/// prefix, e.g. <c>MEDISETTLE_ADMIN_TOKEN</c>) or appsettings. Validated at start.
/// </summary>
public sealed class SiloHostOptions
{
    public const int PersonsMax = 10_000_000;
    public const int InstitutionsMax = 100_000;

    /// <summary>Loopback port of the gateway. Default 5080.</summary>
    public int Port { get; set; } = 5080;

    /// <summary>Loopback port of Orleans silo-to-silo traffic (<c>--silo-port</c>). Default 11111.</summary>
    public int SiloPort { get; set; } = 11_111;

    /// <summary>Loopback port of the Orleans client gateway (<c>--gateway-port</c>). Default 30000.</summary>
    public int GatewayPort { get; set; } = 30_000;

    /// <summary>Directory of the SQLite database, the admin token and demo-credentials.json. Default <c>data</c>.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>
    /// Directory of the Data Protection key ring that protects the institutions' signing secrets at rest
    /// (<c>--keys-dir</c>). Default <c>{data-dir}/keys</c>. Every process of a cluster must use the same directory.
    /// </summary>
    public string? KeysDir { get; set; }

    /// <summary>The key ring's directory: <see cref="KeysDir"/>, or <c>keys</c> in <see cref="DataDir"/>.</summary>
    public string KeysDirectory => KeysDir ?? Path.Combine(DataDir, Interfaces.Security.CredentialProtection.KeysDirectoryName);

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Storage { get; set; } = "sqlite";

    /// <summary>PostgreSQL connection string (required with <c>--storage postgres</c>).</summary>
    public string? Connection { get; set; }

    /// <summary>
    /// <c>--cluster-id</c>: with <c>--storage postgres</c> the silo joins this cluster (Orleans ADO.NET clustering on the
    /// same database); silos and stand-alone gateways with the same id form one cluster. Default <c>medisettle</c>.
    /// </summary>
    public string ClusterId { get; set; } = "medisettle";

    /// <summary>True with PostgreSQL: a member of a cluster of silos rather than a lone silo on SQLite.</summary>
    public bool IsCluster => Storage == "postgres";

    /// <summary>Demo persons seeded on first start. Default 100,000.</summary>
    public int Persons { get; set; } = 100_000;

    /// <summary>Demo institutions seeded on first start. Default 500.</summary>
    public int Institutions { get; set; } = 500;

    /// <summary>
    /// <c>--dashboard on|off</c>: the Orleans Dashboard under <c>/dashboard</c>. Default on. Its metrics reader reads
    /// Orleans' gauges once a second, and two of them walk every activation of the silo: about 50 ms of CPU a second at
    /// 100,000 activations (docs/benchmarks.md, "Issue 12, seventeenth sitting"), so a silo that holds many may run without it.
    /// </summary>
    public string Dashboard { get; set; } = "on";

    /// <summary>Whether the silo serves the Orleans Dashboard (<see cref="Dashboard"/> is <c>on</c>).</summary>
    public bool DashboardOn => Dashboard == "on";

    /// <summary>Admin bearer token (≥ 32 characters); default: generated on first start and kept in the data directory.</summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// True when <see cref="AdminToken"/> was generated or read from <c>{data-dir}/admin-token</c>; false when it was
    /// given (environment or configuration), in which case it is written nowhere (not in demo-credentials.json either).
    /// </summary>
    public bool AdminTokenInDataDir { get; set; }

    /// <summary>
    /// <c>--clock-start</c>: the instant the settlement clock starts at (ISO 8601 with offset, e.g.
    /// <c>2013-06-03T09:00:00+08:00</c>); it advances with real time from there. For test and training environments and
    /// replays only — never on by default; the start-up banner says when it is on. Signatures are still checked
    /// against real time.
    /// </summary>
    public string? ClockStart { get; set; }

    /// <summary><see cref="ClockStart"/> parsed; null when not given or not valid (<see cref="Problems"/> says why).</summary>
    public DateTimeOffset? ClockStartInstant =>
        ClockStart is { } text
        && System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$")
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start)
        && start.Year is >= 2000 and <= 2099
            ? start
            : null;

    /// <summary>
    /// The options from configuration: command line (<c>--port</c>, <c>--data-dir</c>, <c>--silo-port</c>, ...), environment
    /// with the <c>MEDISETTLE_</c> prefix (e.g. <c>MEDISETTLE_ADMIN_TOKEN</c>) and appsettings.
    /// </summary>
    public static SiloHostOptions Read(ConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.AddEnvironmentVariables("MEDISETTLE_");
        var options = new SiloHostOptions();
        configuration.Bind(options);
        options.DataDir = configuration["data-dir"] ?? options.DataDir;
        options.KeysDir = configuration["keys-dir"] ?? options.KeysDir;
        options.SiloPort = configuration.GetValue("silo-port", options.SiloPort);
        options.GatewayPort = configuration.GetValue("gateway-port", options.GatewayPort);
        options.AdminToken = configuration["ADMIN_TOKEN"] ?? options.AdminToken;
        options.ClockStart = configuration["clock-start"] ?? options.ClockStart;
        options.ClusterId = configuration["cluster-id"] ?? options.ClusterId;
        return options;
    }

    /// <summary>Every problem, naming the option and the value; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Port is < 1 or > 65_535)
        {
            problems.Add($"--port must be 1..65535, not {Port}.");
        }

        if (SiloPort is < 1 or > 65_535)
        {
            problems.Add($"--silo-port must be 1..65535, not {SiloPort}.");
        }

        if (GatewayPort is < 1 or > 65_535)
        {
            problems.Add($"--gateway-port must be 1..65535, not {GatewayPort}.");
        }

        if (new HashSet<int> { Port, SiloPort, GatewayPort }.Count < 3)
        {
            problems.Add($"--port, --silo-port and --gateway-port must differ, not {Port}, {SiloPort} and {GatewayPort}.");
        }

        if (string.IsNullOrWhiteSpace(DataDir))
        {
            problems.Add("--data-dir must not be empty.");
        }

        if (KeysDir is not null && string.IsNullOrWhiteSpace(KeysDir))
        {
            problems.Add("--keys-dir must not be empty.");
        }

        if (Dashboard is not ("on" or "off"))
        {
            problems.Add($"--dashboard must be on or off, not '{Dashboard}'.");
        }

        if (Storage is not ("sqlite" or "postgres"))
        {
            problems.Add($"--storage must be sqlite or postgres, not '{Storage}'.");
        }

        if (Storage == "postgres" && string.IsNullOrWhiteSpace(Connection))
        {
            problems.Add("--connection is required with --storage postgres.");
        }

        if (Persons is < 1 or > PersonsMax)
        {
            problems.Add($"--persons must be 1..{PersonsMax}, not {Persons}.");
        }

        if (Institutions is < 1 or > InstitutionsMax)
        {
            problems.Add($"--institutions must be 1..{InstitutionsMax}, not {Institutions}.");
        }

        if (AdminToken is { Length: < 32 })
        {
            problems.Add($"AdminToken (MEDISETTLE_ADMIN_TOKEN) must have at least 32 characters, not {AdminToken.Length}.");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(ClusterId ?? "", "^[A-Za-z0-9_-]{1,64}$"))
        {
            problems.Add($"--cluster-id must be 1..64 letters, digits, '-' or '_', not '{ClusterId}'.");
        }

        if (ClockStart is not null && ClockStartInstant is null)
        {
            problems.Add($"--clock-start must be an instant with its offset between 2000 and 2099, e.g. 2013-06-03T09:00:00+08:00, not '{ClockStart}'.");
        }

        return problems;
    }
}
