{% macro cents_to_dollars(column_name, scale=2) -%}
    CAST({{ column_name }} AS double) / 100
{%- endmacro %}

{% macro status_flags(column) -%}
    {%- for status in var('statuses') %}
    CASE WHEN {{ column }} = '{{ status }}' THEN 1 ELSE 0 END AS is_{{ status }}{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}
