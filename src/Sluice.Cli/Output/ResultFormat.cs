namespace Sluice.Cli.Output;

public enum ResultFormat
{
    Table,
    Csv,
    Json,
}
