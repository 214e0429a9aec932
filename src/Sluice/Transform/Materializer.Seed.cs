using System.Globalization;
using Sluice.Catalog;
using Sluice.Sql;
using Sluice.Storage;

namespace Sluice.Transform;

/// <summary>
/// Seeds. By default (as dbt-athena): the CSV is uploaded to a fresh Sluice-owned location, registered as a temporary
/// text table (a catalog call when the engine has catalog writes), and the typed seed table is one CTAS over it,
/// published like any table; the temporary table and the uploaded object are removed afterwards. <c>seed_by_insert:
/// true</c> (or an engine without object access, or fields OpenCSV cannot carry) inserts typed VALUES batches instead.
/// </summary>
internal sealed partial class Materializer
{
    /// <summary>Builds the seed table; <paramref name="batches"/> are the VALUES batches for the insert path.</summary>
    public async Task SeedAsync(IReadOnlyList<string> batches)
    {
        if (_node.Config.GetValueOrDefault("seed_by_insert") is true || _exec.Objects is null)
        {
            await TableAsync(batches[0], batches.Skip(1).ToList()).ConfigureAwait(false);
            return;
        }

        var (header, types, rows) = SeedFile.Load(_node);
        var file = Path.Combine(Path.GetTempPath(), "sluice-seed-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            if (!SeedFile.TryWriteUploadCsv(header, rows, file))
            {
                _exec.Logs.Add($"seed '{_node.Name}' has fields with line breaks or backslashes, which OpenCSVSerde cannot read back: inserted as VALUES batches instead.");
                await TableAsync(batches[0], batches.Skip(1).ToList()).ConfigureAwait(false);
                return;
            }

            var folder = S3Uri.Parse(Folder(NewLocation(temporary: true, upload: true).Uri));
            var upload = folder.Combine(_node.Alias + ".csv");
            await _exec.Objects.PutFileAsync(file, upload, _exec.CancellationToken).ConfigureAwait(false);
            var temporary = Relation.WithIdentifier(_node.Alias + "__sluice_seed_" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                await CreateUploadTableAsync(temporary, header.Count, folder).ConfigureAwait(false);
                try
                {
                    await TableAsync(SeedFile.TypedSelect(header, types, temporary.DmlName)).ConfigureAwait(false);
                }
                finally
                {
                    await DropUploadTableAsync(temporary).ConfigureAwait(false);
                }
            }
            finally
            {
                await _exec.Objects.DeletePrefixAsync(folder, _exec.CancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task CreateUploadTableAsync(DbtRelation temporary, int columns, S3Uri folder)
    {
        var names = Enumerable.Range(0, columns).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (_exec.CatalogWriter is not null)
        {
            var table = new CatalogTable
            {
                DatabaseName = temporary.Schema,
                Name = temporary.Identifier,
                TableType = TableTypes.ExternalTable,
                StorageDescriptor = new StorageDescriptor
                {
                    Location = folder.ToString(),
                    Columns = names.Select(n => new CatalogColumn(n, "string")).ToList(),
                    InputFormat = HiveFormats.TextInput,
                    OutputFormat = HiveFormats.TextOutput,
                    SerdeInfo = new SerDeInfo(HiveFormats.OpenCsvSerDe)
                    {
                        Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["separatorChar"] = ",", ["quoteChar"] = "\"" },
                    },
                },
                Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["EXTERNAL"] = "TRUE",
                    ["classification"] = "csv",
                    ["skip.header.line.count"] = "1",
                    [OwnedLocationParameter] = folder.ToString(),
                },
            };
            await _exec.CatalogAsync($"CreateTable {temporary.DmlName} (seed upload)", (writer, ct) => writer.CreateTableAsync(table, ct)).ConfigureAwait(false);
            return;
        }

        await _exec.ExecuteAsync(
            $"CREATE EXTERNAL TABLE {temporary.DdlName} ({string.Join(", ", names.Select(n => SqlRender.DdlIdentifier(n) + " string"))})\n" +
            "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '\"')\n" +
            $"LOCATION {SqlRender.HiveStringLiteral(folder.ToString())}\nTBLPROPERTIES ('skip.header.line.count' = '1')",
            countRows: false).ConfigureAwait(false);
    }

    private async Task DropUploadTableAsync(DbtRelation temporary)
    {
        if (_exec.CatalogWriter is not null)
        {
            await _exec.CatalogAsync($"DeleteTable {temporary.DmlName} (seed upload)",
                (writer, ct) => writer.DeleteTableAsync(temporary.Schema, temporary.Identifier, ct)).ConfigureAwait(false);
            return;
        }

        await _exec.ExecuteAsync("DROP TABLE " + temporary.DdlName, countRows: false).ConfigureAwait(false);
    }
}
