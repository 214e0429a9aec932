using Sluice.Sql.Ast;
using Sluice.Sql.Ctas;
using Sluice.Sql.Lexing;

namespace Sluice.Sql.Parsing;

// Trino statements Sluice interprets: CTAS, CREATE VIEW, INSERT, UPDATE, DELETE, MERGE; and OPTIMIZE, VACUUM.
// Queries and expressions inside them are kept as text spans for the translation layer.
internal sealed partial class SqlParser
{
    /// <summary>Parses CTAS, CREATE VIEW, INSERT, UPDATE, DELETE or MERGE.</summary>
    public SqlStatement ParseTrinoStatement()
    {
        SqlStatement statement;
        if (Accept("CREATE"))
        {
            var orReplace = false;
            if (Accept("OR"))
            {
                Require("REPLACE");
                orReplace = true;
            }

            if (Accept("VIEW"))
            {
                var view = TableName();
                Require("AS");
                statement = new CreateViewStatement(view, orReplace, TextToEnd("<query>"));
            }
            else if (orReplace)
            {
                throw Mismatch();
            }
            else
            {
                statement = CreateTableAs();
            }
        }
        else if (Accept("INSERT"))
        {
            statement = Insert();
        }
        else if (Accept("UPDATE"))
        {
            statement = Update();
        }
        else if (Accept("DELETE"))
        {
            Require("FROM");
            var table = TableName();
            statement = new DeleteStatement(table, Accept("WHERE") ? TextToEnd("<expression>") : null);
        }
        else if (Accept("MERGE"))
        {
            statement = Merge();
        }
        else
        {
            throw Mismatch();
        }

        RequireEnd();
        return statement;
    }

    /// <summary>Parses <c>OPTIMIZE</c> or <c>VACUUM</c>.</summary>
    public SqlStatement ParseUtilityStatement()
    {
        SqlStatement statement;
        if (Accept("OPTIMIZE"))
        {
            var table = TableName();
            Require("REWRITE", "DATA", "USING", "BIN_PACK");
            statement = new OptimizeStatement(table, Accept("WHERE") ? TextToEnd("<expression>") : null);
        }
        else
        {
            Require("VACUUM");
            statement = new VacuumStatement(TableName());
        }

        RequireEnd();
        return statement;
    }

    private CreateTableAsStatement CreateTableAs()
    {
        Require("TABLE");
        var ifNotExists = IfNotExists();
        var table = TableName();
        var comment = OptionalString("COMMENT");
        var written = new List<CtasProperty>();
        if (Accept("WITH"))
        {
            RequireSymbol("(");
            do
            {
                var keyToken = Current;
                var key = Identifier();
                RequireSymbol("=");
                written.Add(new CtasProperty(key, PropertyValue(), keyToken.Start));
            }
            while (AcceptSymbol(","));

            RequireSymbol(")");
        }

        Require("AS");

        // A trailing WITH [NO] DATA belongs to the CTAS, not to the query.
        var last = _tokens.Count - 2;
        if (last >= 0 && _tokens[last].IsSymbol(";"))
        {
            last--;
        }

        var queryEnd = last + 1;
        var withData = true;
        if (last - 1 > _pos && _tokens[last].IsKeyword("DATA"))
        {
            if (_tokens[last - 1].IsKeyword("WITH"))
            {
                queryEnd = last - 1;
            }
            else if (last - 2 > _pos && _tokens[last - 1].IsKeyword("NO") && _tokens[last - 2].IsKeyword("WITH"))
            {
                queryEnd = last - 2;
                withData = false;
            }
        }

        if (queryEnd <= _pos)
        {
            throw Mismatch("<query>");
        }

        var query = Span(_pos, queryEnd);
        _pos = last + 1;
        var properties = CtasPropertyValidator.Validate(written);
        return new CreateTableAsStatement(table, ifNotExists, comment, properties, query, withData);
    }

    // A property value is a Trino expression. Literals, negative numbers, booleans and ARRAY[...] of those are
    // typed here; anything else (including constant expressions such as 'a' || 'b', which Trino would evaluate) is
    // kept as text and no property accepts it.
    private PropertyValue PropertyValue()
    {
        var start = _pos;
        var token = Current;
        if (token.Kind == SqlTokenKind.String)
        {
            Advance();
            if (AtPropertyValueEnd())
            {
                return new PropertyValue(PropertyValueKind.String, token.Value, [], Span(start, _pos));
            }
        }
        else if (token.Kind == SqlTokenKind.Number || (token.IsSymbol("-") && PeekToken(1).Kind == SqlTokenKind.Number))
        {
            var negative = token.IsSymbol("-");
            if (negative)
            {
                Advance();
            }

            var number = Advance();
            if (AtPropertyValueEnd())
            {
                return new PropertyValue(PropertyValueKind.Number, (negative ? "-" : "") + number.Text, [], Span(start, _pos));
            }
        }
        else if (token.IsKeyword("TRUE") || token.IsKeyword("FALSE"))
        {
            Advance();
            if (AtPropertyValueEnd())
            {
                return new PropertyValue(PropertyValueKind.Boolean, token.Value.ToLowerInvariant(), [], Span(start, _pos));
            }
        }
        else if (token.IsKeyword("ARRAY") && PeekToken(1).IsSymbol("["))
        {
            Advance();
            Advance();
            var elements = new List<PropertyValue>();
            if (!Current.IsSymbol("]"))
            {
                do
                {
                    elements.Add(PropertyValue());
                }
                while (AcceptSymbol(","));
            }

            RequireSymbol("]");
            if (AtPropertyValueEnd())
            {
                var span = Span(start, _pos);
                return new PropertyValue(PropertyValueKind.Array, span.Text, elements, span);
            }
        }

        _pos = start;
        var text = TextUntil(t => t.IsSymbol(",") || t.IsSymbol(")") || t.IsSymbol("]"));
        return new PropertyValue(PropertyValueKind.Expression, text.Text, [], text);
    }

    private bool AtPropertyValueEnd() => Current.IsSymbol(",") || Current.IsSymbol(")") || Current.IsSymbol("]");

    private InsertStatement Insert()
    {
        Require("INTO");
        var table = TableName();
        List<string>? columns = null;
        // INSERT INTO t (a, b) SELECT ... versus INSERT INTO t (SELECT ...): a column list starts with a name.
        if (Current.IsSymbol("(") && IsIdentifier(PeekToken(1)))
        {
            columns = IdentifierList();
        }

        return new InsertStatement(table, columns, TextToEnd("<query>"));
    }

    private UpdateStatement Update()
    {
        var table = TableName();
        Require("SET");
        var assignments = Assignments(t => t.IsKeyword("WHERE"));
        var where = Accept("WHERE") ? TextToEnd("<expression>") : null;
        return new UpdateStatement(table, assignments, where);
    }

    private List<SetAssignment> Assignments(Func<SqlToken, bool> stop)
    {
        var assignments = new List<SetAssignment>();
        do
        {
            var column = Identifier();
            RequireSymbol("=");
            assignments.Add(new SetAssignment(column, TextUntil(t => t.IsSymbol(",") || stop(t))));
        }
        while (AcceptSymbol(","));

        return assignments;
    }

    private MergeStatement Merge()
    {
        Require("INTO");
        var target = TableName();
        var targetAlias = Alias();
        Require("USING");
        MergeSource source;
        if (AcceptSymbol("("))
        {
            var query = TextUntil(t => t.IsSymbol(")"), "<query>");
            RequireSymbol(")");
            source = new MergeSource(null, query);
        }
        else
        {
            source = new MergeSource(TableName(), null);
        }

        var sourceAlias = Alias();
        Require("ON");
        var on = TextUntil(t => t.IsKeyword("WHEN"));
        var clauses = new List<MergeClause>();
        do
        {
            clauses.Add(MergeClause());
        }
        while (At("WHEN"));

        return new MergeStatement(target, targetAlias, source, sourceAlias, on, clauses);
    }

    private string? Alias()
    {
        if (Accept("AS"))
        {
            return Identifier();
        }

        return AtIdentifier() ? Identifier() : null;
    }

    private MergeClause MergeClause()
    {
        Require("WHEN");
        var notMatched = Accept("NOT");
        Require("MATCHED");
        var condition = Accept("AND") ? TextUntil(t => t.IsKeyword("THEN")) : null;
        Require("THEN");
        if (notMatched)
        {
            Require("INSERT");
            List<string>? columns = At("VALUES") ? null : IdentifierList();
            Require("VALUES");
            RequireSymbol("(");
            var values = new List<SqlSpan>();
            do
            {
                values.Add(TextUntil(t => t.IsSymbol(",") || t.IsSymbol(")")));
            }
            while (AcceptSymbol(","));

            RequireSymbol(")");
            return new MergeInsertClause(condition, columns, values);
        }

        if (Accept("DELETE"))
        {
            return new MergeDeleteClause(condition);
        }

        Require("UPDATE");
        Require("SET");
        return new MergeUpdateClause(condition, Assignments(t => t.IsKeyword("WHEN")));
    }
}
