using System.Globalization;
using System.Text.Json;
using Sluice.Engines;
using Sluice.Errors;

namespace Sluice.Transform;

/// <summary>
/// dbt's <c>source freshness</c>: for every selected source table with <c>freshness:</c> and <c>loaded_at_field</c>, one
/// query <c>SELECT max(loaded_at_field), current_timestamp FROM source [WHERE filter]</c>; the age of the newest row
/// against <c>error_after</c> then <c>warn_after</c> gives <c>error</c>, <c>warn</c> or <c>pass</c>, and a failing query
/// gives <c>runtime error</c>. Results go to <c>target/sources.json</c> in dbt's v3 shape.
/// </summary>
public sealed class SourceFreshness
{
    private readonly IAthenaEngine _engine;

    public SourceFreshness(IAthenaEngine engine) => _engine = engine;

    public Action<SourceTable, int, int>? Started { get; init; }

    public Action<FreshnessResult, int, int>? Finished { get; init; }

    /// <summary>The source tables <paramref name="select"/> and <paramref name="exclude"/> pick that have freshness criteria.</summary>
    /// <remarks>
    /// Selectors: <c>source:src</c>, <c>source:src.tbl</c>, <c>source:*</c>, or <c>src.tbl</c>; no selector means every source.
    /// Tables with criteria but no <c>loaded_at_field</c> are returned too: they fail with a message saying what to add.
    /// </remarks>
    public static IReadOnlyList<SourceTable> Select(TransformProject project, IReadOnlyList<string> select, IReadOnlyList<string> exclude)
    {
        ArgumentNullException.ThrowIfNull(project);
        var tokens = (select ?? []).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var excluded = (exclude ?? []).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        return project.Sources.Values
            .Where(s => s.Freshness is not null)
            .Where(s => tokens.Count == 0 || tokens.Any(t => Matches(s, t)))
            .Where(s => !excluded.Any(t => Matches(s, t)))
            .ToList();
    }

    private static bool Matches(SourceTable source, string token)
    {
        var value = token.StartsWith("source:", StringComparison.Ordinal) ? token["source:".Length..] : token.TrimEnd('+').TrimStart('+');
        if (value == "*")
        {
            return true;
        }

        var full = source.SourceName + "." + source.Name;
        return value == source.SourceName || value == full || value == source.UniqueId
            || value == string.Join('.', source.UniqueId.Split('.').Skip(1)) || value.EndsWith("." + full, StringComparison.Ordinal);
    }

    /// <summary>The freshness query of <paramref name="source"/>, as dbt-athena's <c>collect_freshness</c> writes it.</summary>
    public static string Query(SourceTable source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var relation = new DbtRelation(source.Database, source.Schema, source.Identifier).DmlName;
        var filter = source.Freshness?.Filter is { } f ? $"\nwhere {f}" : string.Empty;
        return $"select\n  max({source.LoadedAtField}) as max_loaded_at,\n  current_timestamp as snapshotted_at\nfrom {relation}{filter}";
    }

    /// <summary>Checks <paramref name="sources"/> one after the other and writes <c>sources.json</c> to <paramref name="outputFile"/>.</summary>
    public async Task<IReadOnlyList<FreshnessResult>> RunAsync(IReadOnlyList<SourceTable> sources, string outputFile, string invocationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var results = new List<FreshnessResult>();
        for (var i = 0; i < sources.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Started?.Invoke(sources[i], i + 1, sources.Count);
            var result = await CheckAsync(sources[i], cancellationToken).ConfigureAwait(false);
            results.Add(result);
            Finished?.Invoke(result, i + 1, sources.Count);
        }

        Write(results, watch.Elapsed, outputFile, invocationId);
        return results;
    }

    private async Task<FreshnessResult> CheckAsync(SourceTable source, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        if (source.LoadedAtField is null)
        {
            return new FreshnessResult(source, "runtime error")
            {
                Error = $"Source {source.SourceName}.{source.Name} has freshness criteria but no loaded_at_field, and Athena has no load-time metadata to use instead. "
                    + $"Add `loaded_at_field: <timestamp column>` to the table (or the source) in {source.OriginalFilePath}.",
                StartedAt = started,
                CompletedAt = DateTime.UtcNow,
            };
        }

        var sql = Query(source);
        try
        {
            var result = await _engine.ExecuteAsync(sql, new QueryContext { Database = source.Schema }, cancellationToken).ConfigureAwait(false);
            if (result.Rows.Count != 1 || result.Columns.Count != 2)
            {
                throw new CompileException($"The freshness query of {source.SourceName}.{source.Name} returned {result.Rows.Count} rows; expected one.", source.OriginalFilePath);
            }

            // As dbt: an empty table was loaded infinitely long ago (0001-01-01).
            var maxLoadedAt = result.Rows[0][0] is null ? DateTime.MinValue : Utc(result.Rows[0][0], source);
            var snapshottedAt = Utc(result.Rows[0][1], source);
            var age = (snapshottedAt - maxLoadedAt).TotalSeconds;
            var criteria = source.Freshness!;
            var status = criteria.ErrorAfter is { } error && age > error.Span.TotalSeconds ? "error"
                : criteria.WarnAfter is { } warn && age > warn.Span.TotalSeconds ? "warn"
                : "pass";
            return new FreshnessResult(source, status)
            {
                MaxLoadedAt = maxLoadedAt,
                SnapshottedAt = snapshottedAt,
                AgeSeconds = age,
                Sql = sql,
                StartedAt = started,
                CompletedAt = DateTime.UtcNow,
                DataScannedBytes = result.Statistics.DataScannedBytes,
            };
        }
        catch (SluiceException e)
        {
            var message = e is EngineException engine ? engine.StateChangeReason : e.Message;
            return new FreshnessResult(source, "runtime error")
            {
                Error = $"{message} (freshness of {source.SourceName}.{source.Name}, {source.OriginalFilePath})",
                Sql = sql,
                StartedAt = started,
                CompletedAt = DateTime.UtcNow,
            };
        }
    }

    private static DateTime Utc(object? value, SourceTable source) => value switch
    {
        DateTimeOffset offset => offset.UtcDateTime,
        DateTime time => DateTime.SpecifyKind(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time, DateTimeKind.Utc),
        DateOnly day => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        string text when DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        _ => throw new CompileException(
            $"loaded_at_field '{source.LoadedAtField}' of source {source.SourceName}.{source.Name} is not a timestamp (got {value?.GetType().Name ?? "null"}). "
                + "Use a timestamp or date column, or an expression such as `cast(col as timestamp)`.",
            source.OriginalFilePath),
    };

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Write(IReadOnlyList<FreshnessResult> results, TimeSpan elapsed, string outputFile, string invocationId)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
        using var stream = File.Create(outputFile);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("metadata");
        json.WriteString("dbt_schema_version", "https://schemas.getdbt.com/dbt/sources/v3.json");
        json.WriteString("dbt_version", "1.9.0");
        json.WriteString("generated_at", Time(DateTime.UtcNow));
        json.WriteString("invocation_id", invocationId);
        json.WriteString("sluice_version", SluiceInfo.Version);
        json.WriteStartObject("env");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var result in results)
        {
            json.WriteStartObject();
            json.WriteString("unique_id", result.Source.UniqueId);
            if (result.Status == "runtime error")
            {
                json.WriteString("error", result.Error);
                json.WriteString("status", result.Status);
                json.WriteEndObject();
                continue;
            }

            json.WriteString("max_loaded_at", Time(result.MaxLoadedAt!.Value));
            json.WriteString("snapshotted_at", Time(result.SnapshottedAt!.Value));
            json.WriteNumber("max_loaded_at_time_ago_in_s", result.AgeSeconds!.Value);
            json.WriteString("status", result.Status);
            json.WriteStartObject("criteria");
            WriteThreshold(json, "warn_after", result.Source.Freshness!.WarnAfter);
            WriteThreshold(json, "error_after", result.Source.Freshness.ErrorAfter);
            json.WriteString("filter", result.Source.Freshness.Filter);
            json.WriteEndObject();
            json.WriteStartObject("adapter_response");
            json.WriteString("_message", "OK 1");
            json.WriteString("code", "OK");
            json.WriteNumber("rows_affected", 1);
            json.WriteNumber("data_scanned_in_bytes", result.DataScannedBytes);
            json.WriteEndObject();
            json.WriteStartArray("timing");
            json.WriteStartObject();
            json.WriteString("name", "execute");
            json.WriteString("started_at", Time(result.StartedAt));
            json.WriteString("completed_at", Time(result.CompletedAt));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("thread_id", "Thread-1");
            json.WriteNumber("execution_time", result.Elapsed.TotalSeconds);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("elapsed_time", elapsed.TotalSeconds);
        json.WriteEndObject();
    }

    private static void WriteThreshold(Utf8JsonWriter json, string name, FreshnessThreshold? threshold)
    {
        json.WriteStartObject(name);
        if (threshold is null)
        {
            json.WriteNull("count");
            json.WriteNull("period");
        }
        else
        {
            json.WriteNumber("count", threshold.Count);
            json.WriteString("period", threshold.Period);
        }

        json.WriteEndObject();
    }
}
