namespace Sluice.Templating;

/// <summary>
/// Serves templates from files under a root folder. Names use <c>/</c> as separator and are relative to the root;
/// names that are rooted or would leave the root (<c>..</c>) are not found. Files are read as UTF-8.
/// </summary>
public sealed class FileSystemTemplateLoader : ITemplateLoader
{
    private readonly string _root;

    public FileSystemTemplateLoader(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = Path.GetFullPath(root);
    }

    public string? Load(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || Path.IsPathRooted(name) || name.Split('/', '\\').Any(segment => segment == ".."))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(_root, name.Replace('/', Path.DirectorySeparatorChar)));
        var rootWithSeparator = _root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar;
        if (!path.StartsWith(rootWithSeparator, StringComparison.Ordinal) || !File.Exists(path))
        {
            return null;
        }

        return File.ReadAllText(path, System.Text.Encoding.UTF8);
    }
}
