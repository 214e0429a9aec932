namespace Sluice.Engines;

/// <summary>Athena's StatementType of a query execution.</summary>
public enum StatementType
{
    Ddl,
    Dml,
    Utility,
}
