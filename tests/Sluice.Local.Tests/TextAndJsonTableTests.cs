namespace Sluice.Local.Tests;

public sealed class TextAndJsonTableTests : LakehouseTest
{
    private void Write(string s3Path, string text)
    {
        var path = Local(s3Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Delimited_text_reads_unparsable_values_as_null_and_honours_null_markers()
    {
        Run("""
            CREATE EXTERNAL TABLE raw_events (id int, name string, amount double)
            ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
            STORED AS TEXTFILE
            LOCATION 's3://lake/raw_events/'
            TBLPROPERTIES ('skip.header.line.count'='1')
            """);
        Assert.Equal("0", Rows("SELECT count(*) FROM raw_events").Single());
        Write("s3://lake/raw_events/a.csv", "id,name,amount\n1,ann,2.5\nx,bob,\\N\n3,\\N,4\n");
        Assert.Equal(["1|ann|2.5", "NULL|bob|NULL", "3|NULL|4.0"], Rows("SELECT id, name, amount FROM raw_events ORDER BY name NULLS LAST"));
        var table = Table("raw_events");
        Assert.Equal("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", table.StorageDescriptor.SerdeInfo!.SerializationLibrary);
        Assert.Equal(",", table.StorageDescriptor.SerdeInfo.Parameters["field.delim"]);
        Assert.Equal("csv", table.Parameters["classification"]);
    }

    [Fact]
    public void Open_csv_serde_reads_quoted_fields_and_empty_strings()
    {
        Run("""
            CREATE EXTERNAL TABLE people (name string, city string, age int)
            ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
            WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '"')
            LOCATION 's3://lake/people/'
            """);
        Write("s3://lake/people/p.csv", "\"Smith, Ann\",,30\n\"O\"\"Brien\",Cork,41\n");
        Assert.Equal(["O\"Brien|Cork|41", "Smith, Ann||30"], Rows("SELECT name, city, age FROM people ORDER BY name"));
        Assert.Equal("1", Rows("SELECT count(*) FROM people WHERE city = ''").Single());
    }

    [Fact]
    public void Json_tables_read_one_object_per_line_with_nested_values()
    {
        Run("""
            CREATE EXTERNAL TABLE clicks (user_id bigint, page string, tags array<string>, meta struct<ref:string>)
            ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
            LOCATION 's3://lake/clicks/'
            """);
        Write("s3://lake/clicks/1.json", "{\"user_id\": 7, \"page\": \"/home\", \"tags\": [\"a\"], \"meta\": {\"ref\": \"ad\"}}\n{\"user_id\": 8}\n");
        Assert.Equal(["7|/home|[a]|{ref=ad}", "8|NULL|NULL|NULL"], Rows("SELECT * FROM clicks ORDER BY user_id"));
    }

    [Fact]
    public void Ctas_writes_text_and_json_tables_that_read_back()
    {
        Run("CREATE TABLE t_text WITH (format = 'TEXTFILE', field_delimiter = '|', external_location = 's3://lake/t_text/') AS SELECT 1 AS id, 'a|b' AS v, NULL AS n");
        var file = Directory.GetFiles(Local("s3://lake/t_text/")).Single();
        Assert.EndsWith(".csv.gz", file, StringComparison.Ordinal);
        Assert.Equal(["1|a|NULL"], Rows("SELECT id, v, n FROM t_text"));

        Run("CREATE TABLE t_json WITH (format = 'JSON', external_location = 's3://lake/t_json/', partitioned_by = ARRAY['p']) AS SELECT 1 AS id, [1, 2] AS l, 'x' AS p");
        Run("INSERT INTO t_json VALUES (2, [3], 'y')");
        Assert.Equal(["1|[1, 2]|x", "2|[3]|y"], Rows("SELECT id, l, p FROM t_json ORDER BY id"));
        Assert.Equal("org.apache.hive.hcatalog.data.JsonSerDe", Table("t_json").StorageDescriptor.SerdeInfo!.SerializationLibrary);
    }

    [Fact]
    public void Unsupported_storage_formats_fail_clearly()
    {
        var error = Fails("CREATE EXTERNAL TABLE o (a int) STORED AS ORC LOCATION 's3://lake/o/'");
        Assert.Equal("NOT_SUPPORTED", error.ErrorName);
        Assert.Contains("STORED AS ORC", error.Message, StringComparison.Ordinal);
    }
}
