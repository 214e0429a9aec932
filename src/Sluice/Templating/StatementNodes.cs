using System.Text;

namespace Sluice.Templating;

/// <summary>How a statement ended: normally, or by <c>{% break %}</c> / <c>{% continue %}</c> of the enclosing loop.</summary>
internal enum Flow
{
    Normal,
    Break,
    Continue,
}

internal abstract class Stmt(Location location) : Node(location)
{
    public abstract Flow Exec(Frame frame, StringBuilder output);

    public static Flow ExecAll(List<Stmt> body, Frame frame, StringBuilder output)
    {
        foreach (var stmt in body)
        {
            var flow = stmt.Exec(frame, output);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }

        return Flow.Normal;
    }
}

internal sealed class TextStmt(Location location, string text) : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output)
    {
        output.Append(text);
        return Flow.Normal;
    }
}

internal sealed class OutputStmt(Location location, Expr expr) : Stmt(location)
{
    public Expr Expr { get; } = expr;

    public override Flow Exec(Frame frame, StringBuilder output)
    {
        var value = Expr.Eval(frame);
        try
        {
            output.Append(Values.Str(value));
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }

        return Flow.Normal;
    }
}

internal sealed class IfStmt(Location location, List<(Expr Test, List<Stmt> Body)> branches, List<Stmt>? otherwise) : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output)
    {
        foreach (var (test, body) in branches)
        {
            var value = test.Eval(frame);
            bool truth;
            try
            {
                truth = Values.Truthy(value);
            }
            catch (Exception e) when (ShouldLocate(e))
            {
                throw Locate(e);
            }

            if (truth)
            {
                return ExecAll(body, frame, output);
            }
        }

        return otherwise is null ? Flow.Normal : ExecAll(otherwise, frame, output);
    }
}

/// <summary>What a <c>for</c> or <c>set</c> assigns to: a name, a tuple of names, or a namespace attribute.</summary>
internal sealed class AssignTarget
{
    public string? Name { get; init; }

    public List<AssignTarget>? Items { get; init; }

    public string? NamespaceAttribute { get; init; }

    public void Assign(Frame frame, object? value)
    {
        if (Items is not null)
        {
            var values = value is Undefined u ? throw u.Fail() : Values.AsList(value);
            if (values.Count != Items.Count)
            {
                throw new TemplateException(values.Count > Items.Count
                    ? $"too many values to unpack (expected {Items.Count})."
                    : $"not enough values to unpack (expected {Items.Count}, got {values.Count}).");
            }

            for (var i = 0; i < Items.Count; i++)
            {
                Items[i].Assign(frame, values[i]);
            }

            return;
        }

        if (NamespaceAttribute is not null)
        {
            if (frame.Lookup(Name!) is not JinjaNamespace ns)
            {
                throw new TemplateException($"Cannot assign attribute '{NamespaceAttribute}' on '{Name}': it is not a namespace() object.");
            }

            ns.Attributes[NamespaceAttribute] = value;
            return;
        }

        frame.Set(Name!, value);
    }
}

internal sealed class ForStmt(Location location, AssignTarget target, Expr iterable, Expr? condition, List<Stmt> body, List<Stmt>? otherwise)
    : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output)
    {
        var source = iterable.Eval(frame);
        List<object?> items;
        try
        {
            items = Values.ToList(source);
            if (condition is not null)
            {
                items = items.Where(item =>
                {
                    var test = frame.Child();
                    target.Assign(test, item);
                    return Values.Truthy(condition.Eval(test));
                }).ToList();
            }
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }

        if (items.Count == 0)
        {
            return otherwise is null ? Flow.Normal : ExecAll(otherwise, frame.Child(), output);
        }

        // loop.depth counts recursive-loop levels only; Sluice has no recursive loops, so it is always 1 (as in Jinja).
        var loop = new LoopContext(items, 1);
        var cancellation = RenderCancellation.Current;
        for (var i = 0; i < items.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            loop.Index0 = i;
            var child = frame.Child();
            try
            {
                target.Assign(child, items[i]);
            }
            catch (Exception e) when (ShouldLocate(e))
            {
                throw Locate(e);
            }

            child.Set("loop", loop);
            if (ExecAll(body, child, output) == Flow.Break)
            {
                break;
            }
        }

        return Flow.Normal;
    }
}

internal sealed class SetStmt(Location location, AssignTarget target, Expr value) : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output)
    {
        var v = value.Eval(frame);
        try
        {
            target.Assign(frame, v);
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }

        return Flow.Normal;
    }
}

internal sealed class SetBlockStmt(Location location, AssignTarget target, List<Stmt> body, List<FilterExpr> filters) : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output)
    {
        var buffer = new StringBuilder();
        // The block body has its own scope, as in Jinja: assignments inside it do not leak.
        var flow = ExecAll(body, frame.Child(), buffer);
        if (flow != Flow.Normal)
        {
            // As in Jinja, break/continue inside the block leaves the variable unassigned.
            return flow;
        }

        object? value = buffer.ToString();
        foreach (var filter in filters)
        {
            value = filter.Apply(frame, value);
        }

        target.Assign(frame, value);

        return Flow.Normal;
    }
}

internal sealed class FilterBlockStmt(Location location, List<FilterExpr> filters, List<Stmt> body) : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output)
    {
        var buffer = new StringBuilder();
        var flow = ExecAll(body, frame.Child(), buffer);
        if (flow != Flow.Normal)
        {
            return flow;
        }

        object? value = buffer.ToString();
        foreach (var filter in filters)
        {
            value = filter.Apply(frame, value);
        }

        output.Append(Values.Str(value));

        return Flow.Normal;
    }
}

internal sealed class DoStmt(Location location, Expr expr) : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output)
    {
        expr.Eval(frame);
        return Flow.Normal;
    }
}

internal sealed class WithStmt(Location location, List<(AssignTarget Target, Expr Value)> assignments, List<Stmt> body) : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output)
    {
        var child = frame.Child();
        foreach (var (target, value) in assignments)
        {
            // Values are evaluated in the outer scope, as in Jinja.
            target.Assign(child, value.Eval(frame));
        }

        return ExecAll(body, child, output);
    }
}

/// <summary>The parsed form of a macro or of a call block's body.</summary>
internal sealed class MacroDefinition
{
    public required string Name { get; init; }

    public required List<(string Name, Expr? Default)> Parameters { get; init; }

    public required List<Stmt> Body { get; init; }

    public required Location Location { get; init; }

    public bool UsesVarargs { get; set; }

    public bool UsesKwargs { get; set; }

    public bool UsesCaller { get; set; }
}

internal sealed class MacroStmt(Location location, MacroDefinition definition) : Stmt(location)
{
    public MacroDefinition Definition { get; } = definition;

    public override Flow Exec(Frame frame, StringBuilder output)
    {
        frame.Set(Definition.Name, new JinjaMacro(Definition, frame, isCaller: false));
        return Flow.Normal;
    }
}

internal sealed class CallBlockStmt(Location location, CallExpr call, MacroDefinition caller) : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output)
    {
        output.Append(Values.Str(call.Invoke(frame, new JinjaMacro(caller, frame, isCaller: true))));
        return Flow.Normal;
    }
}

internal sealed class ImportStmt(Location location, Expr template, string alias, bool withContext) : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output)
    {
        var name = template.Eval(frame);
        try
        {
            frame.Set(alias, frame.Env.LoadModule(name, withContext ? frame : null));
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }

        return Flow.Normal;
    }
}

internal sealed class FromImportStmt(Location location, Expr template, List<(string Name, string Alias)> names, bool withContext) : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output)
    {
        var templateName = template.Eval(frame);
        try
        {
            var module = frame.Env.LoadModule(templateName, withContext ? frame : null);
            foreach (var (name, alias) in names)
            {
                frame.Set(alias, module.TryGetAttribute(name, out var value) && !name.StartsWith('_')
                    ? value
                    : frame.Env.MakeUndefined($"the template {Values.Repr(templateName)} does not export the requested name '{name}'"));
            }
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }

        return Flow.Normal;
    }
}

internal sealed class IncludeStmt(Location location, Expr template, bool ignoreMissing, bool withContext) : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output)
    {
        var names = template.Eval(frame);
        Template? found = null;
        try
        {
            foreach (var name in names is string or IJinjaObject ? [names] : Values.Iterate(names))
            {
                found = frame.Env.TryGetTemplate(Values.Str(name));
                if (found is not null)
                {
                    break;
                }
            }

            if (found is null)
            {
                if (ignoreMissing)
                {
                    return Flow.Normal;
                }

                throw new TemplateException($"Template {Values.Repr(names)} not found (include).");
            }
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }

        using var depth = RecursionGuard.Enter($"include of '{found.Name}'");
        ExecAll(found.Body, withContext ? frame.Child() : new Frame(frame.Env, null), output);
        return Flow.Normal;
    }
}

internal sealed class LoopControlStmt(Location location, Flow flow) : Stmt(location)
{
    public override Flow Exec(Frame frame, StringBuilder output) => flow;
}
