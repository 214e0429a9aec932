namespace Sluice.Schema;

/// <summary>How a load changes a table: add rows, swap the whole table, or merge by key.</summary>
public enum WriteDisposition
{
    Append,
    Replace,
    Merge,
}
