using System.Text;

namespace Sluice.Templating;

/// <summary>
/// A macro (or the body of a call block, passed as <c>caller</c>). Calling it binds the arguments in a new scope whose
/// parent is the scope the macro was defined in, renders the body and returns the text, or the value of a
/// <see cref="MacroReturn"/> thrown while it ran.
/// </summary>
internal sealed class JinjaMacro : IJinjaCallable, IJinjaObject
{
    private readonly MacroDefinition _definition;
    private readonly Frame _closure;
    private readonly bool _isCaller;

    public JinjaMacro(MacroDefinition definition, Frame closure, bool isCaller)
    {
        _definition = definition;
        _closure = closure;
        _isCaller = isCaller;
    }

    public string Name => _definition.Name;

    public object? Call(JinjaArguments arguments)
    {
        RenderCancellation.ThrowIfRequested();
        var frame = new Frame(_closure.Env, _closure);
        Bind(frame, arguments);
        using var depth = RecursionGuard.Enter($"macro '{Name}'");
        try
        {
            var output = new StringBuilder();
            Stmt.ExecAll(_definition.Body, frame, output);
            return output.ToString();
        }
        catch (MacroReturn r) when (!_isCaller)
        {
            return r.Value;
        }
    }

    private void Bind(Frame frame, JinjaArguments arguments)
    {
        var parameters = _definition.Parameters;
        var positional = arguments.Positional;
        if (positional.Count > parameters.Count && !_definition.UsesVarargs)
        {
            throw new TemplateException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"macro '{Name}' takes not more than {parameters.Count} argument(s) ({positional.Count} given)."));
        }

        var used = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            var (name, defaultValue) = parameters[i];
            if (i < positional.Count)
            {
                if (arguments.Keyword.ContainsKey(name))
                {
                    throw new TemplateException($"macro '{Name}' got multiple values for argument '{name}'.");
                }

                frame.Set(name, positional[i]);
            }
            else if (arguments.Keyword.TryGetValue(name, out var value))
            {
                used++;
                frame.Set(name, value);
            }
            else
            {
                // Defaults are evaluated at call time and may use earlier parameters.
                frame.Set(name, defaultValue is null ? frame.Env.MakeUndefined($"parameter '{name}' was not provided") : defaultValue.Eval(frame));
            }
        }

        if (_definition.UsesVarargs)
        {
            frame.Set("varargs", positional.Count > parameters.Count ? positional.Skip(parameters.Count).ToArray() : Array.Empty<object?>());
        }

        OrderedDictionary<string, object?>? extra = null;
        if (used < arguments.Keyword.Count)
        {
            foreach (var (key, value) in arguments.Keyword)
            {
                if (parameters.Exists(p => string.Equals(p.Name, key, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (string.Equals(key, "caller", StringComparison.Ordinal) && _definition.UsesCaller)
                {
                    frame.Set("caller", value);
                    continue;
                }

                if (!_definition.UsesKwargs)
                {
                    throw new TemplateException($"macro '{Name}' takes no keyword argument '{key}'.");
                }

                extra ??= Values.NewDict();
                extra[key] = value;
            }
        }

        if (_definition.UsesKwargs)
        {
            frame.Set("kwargs", extra ?? Values.NewDict());
        }

        // A macro that uses caller() but was called without a call block sees an undefined caller, not one of an outer scope.
        if (_definition.UsesCaller && (frame.Vars is null || !frame.Vars.ContainsKey("caller")))
        {
            frame.Set("caller", frame.Env.MakeUndefined($"macro '{Name}' was called without a call block, so 'caller' is undefined"));
        }
    }

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "name" => Name,
            "arguments" => _definition.Parameters.Select(p => (object?)p.Name).ToArray(),
            "catch_varargs" => _definition.UsesVarargs,
            "catch_kwargs" => _definition.UsesKwargs,
            "caller" => _definition.UsesCaller,
            _ => null,
        };
        return value is not null;
    }

    public override string ToString() => $"<Macro '{Name}'>";
}
