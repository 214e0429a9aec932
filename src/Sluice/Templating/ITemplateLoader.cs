namespace Sluice.Templating;

/// <summary>Finds template sources by name for <c>import</c>, <c>from ... import</c> and <c>include</c>.</summary>
public interface ITemplateLoader
{
    /// <summary>Returns the source of the template, or null when there is no template with that name.</summary>
    string? Load(string name);
}
