namespace Medisettle.Silo.Hosting;

/// <summary>Creates the data directory or the key directory (0700) and proves it writable before anything else uses it.</summary>
public static class DataDirectory
{
    private const string ProbeFileName = ".write-probe";

    /// <summary>
    /// Creates <paramref name="path"/> (and its parents) owner-only (0700; an existing one is set to 0700, and the files
    /// named in <paramref name="privateFiles"/> that an older version left readable to others are set to 0600), and
    /// writes, then deletes, a probe file in it.
    /// Throws <see cref="SiloStartupException"/> naming the <paramref name="option"/> (e.g. <c>--data-dir</c>), the path and the problem.
    /// </summary>
    public static void Prepare(string option, string path, params string[] privateFiles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(option);
        ArgumentNullException.ThrowIfNull(privateFiles);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(full);
            }
            else
            {
                Directory.CreateDirectory(full, PrivateFiles.DirectoryMode);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SiloStartupException($"{option} '{full}' cannot be created: {Reason(full, e)}", e);
        }

        var probe = Path.Combine(full, ProbeFileName);
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SiloStartupException($"{option} '{full}' is not writable: {Explain(e)}", e);
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(full, PrivateFiles.DirectoryMode);
            foreach (var name in privateFiles)
            {
                PrivateFiles.Tighten(Path.Combine(full, name));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SiloStartupException($"{option} '{full}' cannot be made private (0700, files 0600): {Explain(e)}", e);
        }
    }

    /// <summary>The clearest reason: a file where a directory is expected, else the operating system's message.</summary>
    private static string Reason(string full, Exception e)
    {
        for (var path = full; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return path == full ? "it is a file, not a directory." : $"'{path}' is a file, not a directory.";
            }

            if (Directory.Exists(path))
            {
                break;
            }
        }

        return Explain(e);
    }

    /// <summary>.NET reports ENOENT from a pseudo file system such as /proc as "Could not find file", which misleads.</summary>
    private static string Explain(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied.",
        FileNotFoundException or DirectoryNotFoundException => "the file system refuses to create files there (no such file or directory).",
        _ => e.Message,
    };
}
