namespace Medisettle.Silo.Tests;

/// <summary>Programs of the solution as built beside these tests (same configuration and framework), run with <c>dotnet</c>.</summary>
internal static class BuiltProgram
{
    /// <summary>
    /// <c>{repository}/{project}/bin/{configuration}/{framework}/{assembly}</c>, the repository being the first directory
    /// above the test binaries that holds Cluster.sln.
    /// </summary>
    public static string DllPath(string project, string assembly)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var dll = Path.Combine(RepositoryRoot(), project, "bin", configuration, framework, assembly);
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the {project} project first.", dll);
    }

    /// <summary>The first directory above the test binaries that holds Cluster.sln.</summary>
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Cluster.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("Cluster.sln not found above " + AppContext.BaseDirectory);
    }
}
