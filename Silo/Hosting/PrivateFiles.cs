using System.Runtime.InteropServices;

namespace Medisettle.Silo.Hosting;

/// <summary>
/// Keeps the data directory private to the silo's user: a umask of 077 for the whole process (so the SQLite
/// database and its -wal/-shm files, the Data Protection keys and anything else are created 0600/0700 from the first
/// byte), the directory itself 0700, and our own files written through a 0600 temporary file that replaces the old.
/// </summary>
public static partial class PrivateFiles
{
    /// <summary>Owner read and write (0600).</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read, write and search (0700).</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const uint OwnerOnlyUmask = 0x3F; // 077 octal: no bits for group and others

    /// <summary>Sets the process umask to 077 (not on Windows, where files inherit the directory's ACL).</summary>
    public static void RestrictProcessUmask()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = Umask(OwnerOnlyUmask);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, readable only by the owner from its creation.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Sets <paramref name="path"/> to 0600 when it exists (a file created by an older version).</summary>
    public static void Tighten(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
