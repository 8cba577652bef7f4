namespace Medisettle.Silo.Hosting;

/// <summary>The web application builder of the silo and of the stand-alone gateway.</summary>
public static class SiloWebApplication
{
    /// <summary>The host setting that makes configuration files be read once, at start, and not watched.</summary>
    public const string ReadConfigurationOnce = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>
    /// ASP.NET Core's slim builder. Its configuration files (appsettings.json, optional) are read once, not watched for
    /// changes. A watch is a file-system watcher on the content root, the working directory, and on every directory
    /// under it. With the data directory there (the default, <c>data/</c>), every write of the database woke the watcher,
    /// which looked the file up: some 5 % of the silo's CPU at 1,000 swipes/s (docs/benchmarks.md, "Issue 12,
    /// seventeenth sitting"). No option of the silo changes while it runs. An operator who wants the watch gives
    /// <c>--hostBuilder:reloadConfigOnChange=true</c>; a later argument wins.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return WebApplication.CreateSlimBuilder([ReadConfigurationOnce, .. args]);
    }
}
