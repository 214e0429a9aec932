using System.CommandLine;
using Sluice.Cli.Output;
using Sluice.Engines;
using Sluice.Local;
using Sluice.Sql;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice query</c>: runs Athena SQL on the local lakehouse, from an argument, a file (<c>-f</c>) or standard input.
/// A script runs statement by statement (Athena takes one at a time); the last result is printed, and a statistics
/// line per statement goes to standard error.
/// </summary>
public static class QueryCommand
{
    public static Command Create(CliHost host, GlobalOptions global)
    {
        var sql = new Argument<string?>("sql") { Description = "The SQL to run. Omit it to use --file or standard input.", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file", "-f") { Description = "Read the SQL from this file.", HelpName = "path" };
        var format = new Option<ResultFormat>("--format") { Description = "How to print the result.", DefaultValueFactory = _ => ResultFormat.Table };
        var database = new Option<string>("--database", "-d") { Description = "The database unqualified names resolve in.", DefaultValueFactory = _ => "default" };
        var command = new Command("query", "Run Athena SQL on the local lakehouse and print the result (a table, or CSV/JSON with --format); statistics go to stderr.")
        {
            sql,
            file,
            format,
            database,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            host, global.ResolveLakehouse(parse, host), parse.GetValue(sql), parse.GetValue(file), parse.GetValue(format), parse.GetValue(database)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliHost host, string lakehouse, string? sql, string? file, ResultFormat format, string database, CancellationToken cancellationToken)
    {
        var statements = SqlScript.Split(ReadSql(host, sql, file));
        if (statements.Count == 0)
        {
            throw new CliException("The SQL holds no statement (it is empty or only comments).");
        }

        using var engine = LocalAthenaEngine.Open(lakehouse);
        var context = new QueryContext { Database = database };
        QueryResult? last = null;
        foreach (var statement in statements)
        {
            last = await engine.ExecuteAsync(statement, context, cancellationToken).ConfigureAwait(false);
            await host.Error.WriteLineAsync(ResultWriter.StatisticsLine(last)).ConfigureAwait(false);
        }

        ResultWriter.Write(last!, format, host);
        return ExitCodes.Success;
    }

    private static string ReadSql(CliHost host, string? sql, string? file)
    {
        if (sql is not null && file is not null)
        {
            throw new CliException("Give the SQL either as an argument or with --file, not both.");
        }

        if (file is not null)
        {
            var path = Path.GetFullPath(file, host.WorkingDirectory);
            if (!File.Exists(path))
            {
                throw new CliException($"The SQL file '{path}' does not exist. Check the path given to --file.");
            }

            return File.ReadAllText(path);
        }

        if (sql is not null)
        {
            return sql;
        }

        if (host.InputRedirected)
        {
            return host.Input.ReadToEnd();
        }

        throw new CliException("No SQL given. Pass it as an argument (sluice query \"select 1\"), with --file <path>, or on standard input.");
    }
}
