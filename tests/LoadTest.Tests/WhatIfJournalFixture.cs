using System.Security.Cryptography;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary>
/// A journal made once by <see cref="WhatIfJournalMaker"/> for a <c>whatif</c> test class, on SQLite or PostgreSQL, and a
/// fingerprint of the live data the replay must not change.
/// </summary>
public abstract class WhatIfJournalFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("whatif-journal-");

    public string Directory => _directory.FullName;

    /// <summary>The <c>--db</c> value, or null.</summary>
    public abstract string? Db { get; }

    /// <summary>The <c>--pg</c> value, or null.</summary>
    public abstract string? Pg { get; }

    /// <summary>The live data right after the journal was made.</summary>
    public string LiveStateAfterMaking { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await StartAsync();
        LiveStateAfterMaking = await ReadLiveStateAsync();
    }

    public virtual Task DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Makes the journal (and whatever it needs).</summary>
    protected abstract Task StartAsync();

    /// <summary>Journal head and entry count, and a digest of every person row's bytes (and, for a file, of the file).</summary>
    public abstract Task<string> ReadLiveStateAsync();

    protected static string Digest(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
