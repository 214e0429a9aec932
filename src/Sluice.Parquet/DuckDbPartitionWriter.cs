using System.Globalization;
using Sluice.DuckDb;
using Sluice.Load;
using Sluice.Schema;
using Sluice.Sql;

namespace Sluice.Parquet;

/// <summary>
/// <see cref="IPartitionWriter"/> on an in-memory DuckDB: the job file is read with <c>read_parquet</c>, the partition
/// keys are computed in SQL (bucket through <see cref="PartitionTransforms.Bucket"/>, registered as a C# function), rows
/// are numbered by key tuple and written with <c>COPY ... (PARTITION_BY ...)</c> on that number, so folder names are
/// rendered by Sluice (Hive escaping) and never by DuckDB. Calls are serialized; one instance can be shared.
/// </summary>
public sealed class DuckDbPartitionWriter : IPartitionWriter, IDisposable
{
    private const string PartColumn = "__sluice_part";
    private readonly DuckDbDatabase _database;
    private readonly DuckDbConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _scratch;

    public DuckDbPartitionWriter(int threads = 1)
    {
        _database = DuckDbDatabase.Open(null, new Dictionary<string, string> { ["threads"] = threads.ToString(CultureInfo.InvariantCulture) });
        _connection = _database.Connect();
        _connection.RegisterScalarFunction(new DuckDbScalarFunction("sluice_bucket_long", [DuckDbColumnType.BigInt, DuckDbColumnType.BigInt], DuckDbColumnType.BigInt,
            a => PartitionTransforms.Bucket(a.GetInt64(0), checked((int)a.GetInt64(1)))));
        _connection.RegisterScalarFunction(new DuckDbScalarFunction("sluice_bucket_bytes", [DuckDbColumnType.Blob, DuckDbColumnType.BigInt], DuckDbColumnType.BigInt,
            a => PartitionTransforms.Bucket((byte[])a.GetValue(0)!, checked((int)a.GetInt64(1)))));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PartitionFile>> SplitAsync(
        string source, IReadOnlyList<HivePartitionKey> keys, string folder, TimestampPrecision precision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Split(source, keys, folder, precision, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task AddKeysAsync(string source, IReadOnlyList<HivePartitionKey> keys, string target, TimestampPrecision precision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var columns = Describe(source, cancellationToken);
            var select = columns.Select(c => FileExpression(c.Name, c.Type, precision))
                .Concat(keys.Where(k => !k.IsIdentity).Select(k => Expression(k, columns) + " AS " + SqlRender.DmlIdentifier(k.Name)));
            var directory = Path.GetDirectoryName(Path.GetFullPath(target))!;
            Directory.CreateDirectory(directory);
            var temporary = Path.Combine(directory, "." + Path.GetFileName(target) + ".tmp");
            _connection.Execute(
                $"COPY (SELECT {string.Join(", ", select)} FROM read_parquet({SqlRender.StringLiteral(source)})) TO {SqlRender.StringLiteral(temporary)} (FORMAT parquet, COMPRESSION zstd)",
                cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    private List<PartitionFile> Split(string source, IReadOnlyList<HivePartitionKey> keys, string folder, TimestampPrecision precision, CancellationToken cancellationToken)
    {
        var columns = Describe(source, cancellationToken);
        var identity = keys.Where(k => k.IsIdentity).Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var keyNames = keys.Select((_, i) => SqlRender.DmlIdentifier("__sluice_k" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        var table = "split_" + (++_scratch).ToString(CultureInfo.InvariantCulture);
        _connection.Execute(
            $"CREATE TEMP TABLE {table} AS SELECT *, dense_rank() OVER (ORDER BY {string.Join(", ", keyNames)}) - 1 AS {PartColumn} FROM (" +
            $"SELECT *, {string.Join(", ", keys.Select((k, i) => Expression(k, columns) + " AS " + keyNames[i]))} FROM read_parquet({SqlRender.StringLiteral(source)}))",
            cancellationToken);
        try
        {
            var parts = new List<(long Part, string?[] Values, long Rows)>();
            using (var reader = _connection.Query(
                $"SELECT {PartColumn}, count(*), {string.Join(", ", keyNames.Select(k => $"CAST(any_value({k}) AS VARCHAR)"))} FROM {table} GROUP BY {PartColumn} ORDER BY {PartColumn}",
                cancellationToken))
            {
                while (reader.Read())
                {
                    var values = new string?[keys.Count];
                    for (var i = 0; i < keys.Count; i++)
                    {
                        values[i] = reader.IsNull(2 + i) ? null : reader.GetString(2 + i);
                    }

                    parts.Add((reader.GetInt64(0), values, reader.GetInt64(1)));
                }
            }

            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            if (parts.Count == 0)
            {
                return [];
            }

            var data = columns.Where(c => !identity.Contains(c.Name)).Select(c => FileExpression(c.Name, c.Type, precision)).ToList();
            if (data.Count == 0)
            {
                throw new InvalidOperationException($"Every column of '{source}' is an identity partition key; a Hive table needs at least one data column.");
            }

            _connection.Execute(
                $"COPY (SELECT {string.Join(", ", data)}, {PartColumn} FROM {table}) TO {SqlRender.StringLiteral(folder)} " +
                $"(FORMAT parquet, COMPRESSION zstd, PARTITION_BY ({PartColumn}), FILENAME_PATTERN 'part_{{i}}')",
                cancellationToken);
            var files = new List<PartitionFile>();
            foreach (var (part, values, rows) in parts)
            {
                var partFolder = Path.Combine(folder, PartColumn + "=" + part.ToString(CultureInfo.InvariantCulture));
                var first = true;
                foreach (var file in Directory.EnumerateFiles(partFolder, "*.parquet").Order(StringComparer.Ordinal))
                {
                    // The row count goes with the partition's first file.
                    files.Add(new PartitionFile(values, file, first ? rows : 0));
                    first = false;
                }
            }

            return files;
        }
        finally
        {
            _connection.Execute($"DROP TABLE IF EXISTS {table}", CancellationToken.None);
        }
    }

    private List<(string Name, string Type)> Describe(string source, CancellationToken cancellationToken)
    {
        var columns = new List<(string, string)>();
        using var reader = _connection.Query($"DESCRIBE SELECT * FROM read_parquet({SqlRender.StringLiteral(source)})", cancellationToken);
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }

    private static string FileExpression(string name, string type, TimestampPrecision precision)
    {
        var quoted = SqlRender.DmlIdentifier(name);
        return type.StartsWith("TIMESTAMP", StringComparison.Ordinal) && precision == TimestampPrecision.Milliseconds
            ? $"CAST({quoted} AS TIMESTAMP_MS) AS {quoted}"
            : quoted;
    }

    /// <summary>The key's value in DuckDB SQL (docs/loading.md lists the rules); NULL when the file lacks the source column.</summary>
    private static string Expression(HivePartitionKey key, IReadOnlyList<(string Name, string Type)> columns)
    {
        var hint = key.Hint;
        if (!columns.Any(c => string.Equals(c.Name, hint.Column, StringComparison.Ordinal)))
        {
            return $"CAST(NULL AS {DuckDbType(key.Type)})";
        }

        var c = SqlRender.DmlIdentifier(hint.Column);
        var argument = hint.Argument.ToString(CultureInfo.InvariantCulture);
        return hint.Function switch
        {
            PartitionFunction.Identity => c,
            PartitionFunction.Year => $"CAST(year({c}) AS BIGINT)",
            PartitionFunction.Month => $"strftime({c}, '%Y-%m')",
            PartitionFunction.Day => $"CAST({c} AS DATE)",
            PartitionFunction.Hour => $"strftime({c}, '%Y-%m-%d-%H')",
            PartitionFunction.Bucket => key.SourceType switch
            {
                DataType.Bigint => $"sluice_bucket_long({c}, {argument})",
                DataType.Date => $"sluice_bucket_long(CAST({c} - DATE '1970-01-01' AS BIGINT), {argument})",
                DataType.Timestamp => $"sluice_bucket_long(epoch_us({c}), {argument})",
                DataType.Text => $"sluice_bucket_bytes(encode({c}), {argument})",
                _ => $"sluice_bucket_bytes({c}, {argument})",
            },
            PartitionFunction.Truncate => key.SourceType == DataType.Bigint
                ? $"({c} - ((({c} % {argument}) + {argument}) % {argument}))"
                : $"left({c}, {argument})",
            _ => throw new NotSupportedException($"Partition function {hint.Function} has no Hive expression."),
        };
    }

    private static string DuckDbType(DataType type) => type switch
    {
        DataType.Bigint => "BIGINT",
        DataType.Date => "DATE",
        DataType.Bool => "BOOLEAN",
        _ => "VARCHAR",
    };

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
        _gate.Dispose();
    }
}
