namespace Sluice.Local.Storage;

/// <summary>Lists the data files of a location the way Athena does.</summary>
public static class DataFiles
{
    /// <summary>
    /// Every file under <paramref name="folder"/>, recursively, skipping any file or folder whose name starts with
    /// <c>_</c> or <c>.</c> (Athena and Hive treat those as hidden: <c>_SUCCESS</c>, <c>_temporary/</c>, <c>.crc</c>).
    /// A missing folder has no files. Sorted, so scans are deterministic.
    /// </summary>
    public static List<string> List(string folder)
    {
        var files = new List<string>();
        if (Directory.Exists(folder))
        {
            Walk(folder, files);
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static void Walk(string folder, List<string> files)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (IsHidden(entry.Name))
            {
                continue;
            }

            if (entry is DirectoryInfo directory)
            {
                Walk(directory.FullName, files);
            }
            else if (entry is FileInfo { Length: > 0 } file)
            {
                // Zero-byte objects are S3 "folder markers", never data.
                files.Add(file.FullName);
            }
        }
    }

    public static bool IsHidden(string name) => name.StartsWith('_') || name.StartsWith('.');

    /// <summary>Does the folder hold any visible data file?</summary>
    public static bool Any(string folder) => Directory.Exists(folder) && List(folder).Count > 0;
}
