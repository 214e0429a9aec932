namespace Sluice.Transform;

/// <summary>
/// dbt's overridable macros, as Jinja: a project macro of the same name replaces them (they are loaded first).
/// The generic tests produce the failing rows, as in dbt; the runner wraps them in the count query.
/// </summary>
internal static class BuiltinMacros
{
    public const string Source = """
{% macro generate_schema_name(custom_schema_name, node) -%}
{%- if custom_schema_name is none or custom_schema_name == '' -%}{{ target.schema }}{%- else -%}{{ target.schema }}_{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}

{% macro generate_alias_name(custom_alias_name=none, node=none) -%}
{%- if custom_alias_name -%}{{ custom_alias_name | trim }}{%- else -%}{{ node.name }}{%- endif -%}
{%- endmacro %}

{% macro generate_database_name(custom_database_name=none, node=none) -%}
{%- if custom_database_name -%}{{ custom_database_name | trim }}{%- else -%}{{ target.database }}{%- endif -%}
{%- endmacro %}

{% test unique(model, column_name) %}
select {{ column_name }} as unique_field, count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1
{% endtest %}

{% test not_null(model, column_name) %}
select {{ '*' if should_store_failures() else column_name }}
from {{ model }}
where {{ column_name }} is null
{% endtest %}

{% test accepted_values(model, column_name, values, quote=true) %}
select value_field, n_records
from (
    select {{ column_name }} as value_field, count(*) as n_records
    from {{ model }}
    group by {{ column_name }}
) as all_values
where value_field not in (
    {%- for value in values -%}
    {%- if quote -%}{{ sql_literal(value) }}{%- else -%}{{ value }}{%- endif -%}{{ ", " if not loop.last }}
    {%- endfor -%}
)
{% endtest %}

{% test relationships(model, column_name, to, field) %}
select child.from_field
from (select {{ column_name }} as from_field from {{ model }} where {{ column_name }} is not null) as child
left join (select {{ field }} as to_field from {{ to }}) as parent
    on child.from_field = parent.to_field
where parent.to_field is null
{% endtest %}
""";
}
