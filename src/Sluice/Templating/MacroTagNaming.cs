namespace Sluice.Templating;

/// <summary>
/// Names the macro defined by a custom macro-like block tag registered in <see cref="JinjaEnvironment.MacroTags"/>,
/// from the name written after the tag and the <c>key=value</c> options that follow it (evaluated once, at parse time,
/// so they must be literals).
/// </summary>
public delegate string MacroTagNaming(string name, IReadOnlyDictionary<string, object?> options);
