{# Dispatched so another adapter (or a package) can override the arithmetic. #}
{% macro cents_to_dollars(column_name) -%}
    {{ return(adapter.dispatch('cents_to_dollars')(column_name)) }}
{%- endmacro %}

{% macro default__cents_to_dollars(column_name) -%}
    ({{ column_name }} / 100.0)
{%- endmacro %}

{% macro athena__cents_to_dollars(column_name) -%}
    round(CAST({{ column_name }} AS double) / 100, 2)
{%- endmacro %}
