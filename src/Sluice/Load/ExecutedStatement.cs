using Sluice.Engines;

namespace Sluice.Load;

/// <summary>One statement a load ran, with what the engine reported for it.</summary>
public sealed record ExecutedStatement(string Sql, StatementType Type, long? UpdateCount, long DataScannedBytes, TimeSpan Elapsed);
