using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sluice.Cli.Output;
using Sluice.DuckDb;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice query</c>: runs SQL from an argument, a file (<c>-f</c>) or standard input and prints the last
/// statement's result. Until the local Athena engine lands this runs DuckDB SQL on an in-memory database whose
/// relative file paths resolve against the current folder.
/// </summary>
public static class QueryCommand
{
    public static Command Create(CliHost host, GlobalOptions global)
    {
        var sql = new Argument<string?>("sql") { Description = "The SQL to run. Omit it to use --file or standard input.", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file", "-f") { Description = "Read the SQL from this file.", HelpName = "path" };
        var format = new Option<ResultFormat>("--format") { Description = "How to print the result.", DefaultValueFactory = _ => ResultFormat.Table };
        var command = new Command("query", "Run SQL and print the result (a table, or CSV/JSON with --format) and a statistics line on stderr.")
        {
            sql,
            file,
            format,
        };
        command.SetAction((parse, cancellationToken) =>
            Task.FromResult(Run(host, parse.GetValue(sql), parse.GetValue(file), parse.GetValue(format), cancellationToken)));
        return command;
    }

    private static int Run(CliHost host, string? sql, string? file, ResultFormat format, CancellationToken cancellationToken)
    {
        var text = ReadSql(host, sql, file);
        var watch = Stopwatch.StartNew();
        using var database = DuckDbDatabase.Open(null, new Dictionary<string, string> { ["file_search_path"] = host.WorkingDirectory });
        using var connection = database.Connect();
        connection.Execute("SET TimeZone = 'UTC'", cancellationToken);
        using var reader = connection.Query(text, cancellationToken);
        var rows = ResultWriter.Write(reader, format, host);
        watch.Stop();
        host.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{rows} row{(rows == 1 ? string.Empty : "s")} in {watch.Elapsed.TotalSeconds:0.000} s"));
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
