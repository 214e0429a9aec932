using Sluice.Sources;

namespace Sluice.Tests.Load;

public sealed class FileSourceTests
{
    [Fact]
    public void Csv_is_typed_and_quoted_fields_may_hold_commas_quotes_and_newlines()
    {
        using var reader = new StringReader("id,name,score,ok,note\r\n1,\"Doe, J\",2.5,true,\"say \"\"hi\"\"\nthere\"\n2,x,,false,\n");
        var rows = CsvRecords.Read(reader, "t.csv").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(1L, rows[0]["id"]);
        Assert.Equal("Doe, J", rows[0]["name"]);
        Assert.Equal(2.5, rows[0]["score"]);
        Assert.Equal(true, rows[0]["ok"]);
        Assert.Equal("say \"hi\"\nthere", rows[0]["note"]);
        Assert.Null(rows[1]["score"]);
        Assert.Null(rows[1]["note"]);
    }

    [Fact]
    public void Too_many_fields_name_the_row_and_the_fix()
    {
        using var reader = new StringReader("a,b\n1,2,3\n");
        var error = Assert.Throws<FormatException>(() => CsvRecords.Read(reader, "bad.csv").ToList());
        Assert.Contains("Row 2 of 'bad.csv'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Patterns_give_one_resource_per_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sluice-files-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.jsonl"), "{\"x\": 1}\n\n{\"x\": 2}\n");
            File.WriteAllText(Path.Combine(folder, "b.jsonl"), "{\"x\": 3}\n");
            var resources = FileSource.Resources(Path.Combine(folder, "*.jsonl"));
            Assert.Equal(["a", "b"], resources.Select(r => r.Name));
            Assert.Equal(2, FileSource.Read(Path.Combine(folder, "a.jsonl")).Count());
            Assert.Throws<FileNotFoundException>(() => FileSource.Resources(Path.Combine(folder, "*.csv")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
