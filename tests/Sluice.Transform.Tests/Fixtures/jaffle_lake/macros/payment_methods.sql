{# The payment methods, read from the seed at run time (the dbt_utils.get_column_values pattern). #}
{% macro get_payment_methods() %}
    {% set query %}
        select method from {{ ref('payment_methods') }} order by method
    {% endset %}
    {% set result = run_query(query) %}
    {% if execute and result is not none and result.rows | length > 0 %}
        {{ return(result.columns[0].values()) }}
    {% else %}
        {{ return(var('default_payment_methods')) }}
    {% endif %}
{% endmacro %}

{% macro pivot_payments(methods, amount_column='amount_cents') -%}
    {%- for method in methods %}
    sum(CASE WHEN payment_method = '{{ method }}' THEN {{ amount_column }} ELSE 0 END) AS {{ method }}_cents,
    {%- endfor %}
    sum({{ amount_column }}) AS total_cents
{%- endmacro %}

{% macro status_in(column, statuses) -%}
    {{ column }} IN ({% for s in statuses %}'{{ s }}'{{ ", " if not loop.last }}{% endfor %})
{%- endmacro %}
