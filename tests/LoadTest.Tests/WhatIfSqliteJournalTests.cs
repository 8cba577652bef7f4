using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>whatif --db</c> on a silo's SQLite file.</summary>
public sealed class WhatIfSqliteJournalTests(WhatIfSqliteJournalFixture journal) : WhatIfJournalTests(journal), IClassFixture<WhatIfSqliteJournalFixture>;
