namespace Sluice.Templating;

/// <summary>A filter: <c>{{ value | name(arguments) }}</c>.</summary>
public delegate object? JinjaFilter(object? value, JinjaArguments arguments);
