namespace Medisettle.Silo.Tests;

/// <summary>A new directory under the temp directory for one test's silo data, deleted with everything in it on dispose.</summary>
internal sealed class ScratchDirectory(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
