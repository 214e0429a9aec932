using Sluice.Errors;

namespace Sluice.Catalog;

/// <summary>
/// A catalog write named a table version that is no longer the stored one (Glue's
/// <c>ConcurrentModificationException</c>): someone changed the table after it was read. Read it again and retry.
/// </summary>
public sealed class CatalogConflictException : SluiceException
{
    public CatalogConflictException(string database, string name, long storedVersionId, long expectedVersionId)
        : base(expectedVersionId == 0
            ? $"The table {database}.{name} already exists (version {storedVersionId}) but was expected not to; another writer created it. Read it again and retry."
            : storedVersionId == 0
                ? $"The table {database}.{name} no longer exists (expected version {expectedVersionId}); another writer dropped it. Read it again and retry."
                : $"The table {database}.{name} changed: the catalog holds version {storedVersionId}, the write expected version {expectedVersionId}; another writer updated it. Read it again and retry.")
    {
        Database = database;
        Name = name;
        StoredVersionId = storedVersionId;
        ExpectedVersionId = expectedVersionId;
    }

    /// <summary>A conflict is settled by reading again and retrying, not by repeating the same write.</summary>
    public override bool IsTransient => false;

    public string Database { get; }

    public string Name { get; }

    /// <summary>The stored version id, 0 when the table does not exist.</summary>
    public long StoredVersionId { get; }

    /// <summary>The version id the write expected, 0 for "must not exist".</summary>
    public long ExpectedVersionId { get; }
}
