namespace Sluice.Catalog;

/// <summary>
/// Catalog writes shaped like Glue's API (<c>CreateTable</c>, <c>UpdateTable</c>, <c>DeleteTable</c>,
/// <c>BatchCreatePartition</c>/<c>BatchUpdatePartition</c>, <c>BatchDeletePartition</c>). These are catalog calls, not
/// engine statements: they scan nothing and cost nothing on Athena. Every call is atomic. Calls that name an expected
/// version fail with <see cref="CatalogConflictException"/> when the table changed since it was read.
/// </summary>
public interface ICatalogWriter
{
    /// <summary>Registers a new table (Glue <c>CreateTable</c>); fails when the name is taken.</summary>
    Task<CatalogTable> CreateTableAsync(CatalogTable table, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a table's definition (Glue <c>UpdateTable</c> with <c>VersionId</c>): the stored version must be
    /// <paramref name="expectedVersionId"/>. The previous version is kept in the table's history. Returns the new version.
    /// </summary>
    Task<CatalogTable> UpdateTableAsync(CatalogTable table, long expectedVersionId, CancellationToken cancellationToken = default);

    /// <summary>Removes a table's catalog entry (Glue <c>DeleteTable</c>). A Hive table's files stay; a missing table is not an error.</summary>
    Task DeleteTableAsync(string database, string name, CancellationToken cancellationToken = default);

    /// <summary>Adds or repoints partitions of a Hive table (Glue <c>BatchCreatePartition</c> + <c>BatchUpdatePartition</c>), all or none.</summary>
    Task PutPartitionsAsync(string database, string table, IReadOnlyList<CatalogPartition> partitions, CancellationToken cancellationToken = default);

    /// <summary>Removes partitions' catalog entries (Glue <c>BatchDeletePartition</c>); their files stay.</summary>
    Task DeletePartitionsAsync(string database, string table, IReadOnlyList<IReadOnlyList<string>> partitionValues, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a Hive table's definition and changes its partitions in one catalog transaction: the stored version must
    /// be <paramref name="expectedVersionId"/> (else <see cref="CatalogConflictException"/> and nothing changes), then
    /// <paramref name="putPartitions"/> are added or repointed and <paramref name="deletePartitions"/> removed. Readers
    /// see the old table with its old partitions or the new one with the new partitions, never a mix. Returns the new
    /// version.
    /// </summary>
    Task<CatalogTable> UpdateTableAndPartitionsAsync(
        CatalogTable table, long expectedVersionId, IReadOnlyList<CatalogPartition> putPartitions, IReadOnlyList<IReadOnlyList<string>> deletePartitions,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces table <see cref="TableReplacement.Name"/> by the staging table in one catalog transaction: the target
    /// takes the staging table's storage descriptor, columns, partition keys, partitions and parameters (plus
    /// <see cref="TableReplacement.Parameters"/>), and the staging entry goes. A missing target is created; a view target
    /// is replaced too. Readers see the old table or the new one, never neither. The target's earlier versions stay in
    /// its history. Returns the new version of the target.
    /// </summary>
    Task<CatalogTable> ReplaceTableAsync(TableReplacement replacement, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="ICatalogWriter.ReplaceTableAsync"/> swaps.</summary>
/// <param name="Database">The database of both tables.</param>
/// <param name="Name">The table that is replaced (or created).</param>
/// <param name="StagingName">The fully built table whose definition and data take its place; its entry is removed.</param>
public sealed record TableReplacement(string Database, string Name, string StagingName)
{
    /// <summary>
    /// The version of the target the caller read: a different stored version is a <see cref="CatalogConflictException"/>.
    /// Zero means "the target must not exist"; null skips the check.
    /// </summary>
    public long? ExpectedVersionId { get; init; }

    /// <summary>Table parameters set on the new version (e.g. <c>sluice.owned_location</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>A description to keep when the staging table has none (e.g. the target's persisted docs).</summary>
    public string? Description { get; init; }

    /// <summary>
    /// Column comments the new version carries (persisted docs), by column name, case-insensitively; an empty comment
    /// removes one. Columns not named keep the staging table's comments.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnComments { get; init; } = new Dictionary<string, string>();
}
