{% snapshot customer_history %}
{{ config(unique_key='customer_id', strategy='check', check_cols=['full_name']) }}
select customer_id, full_name from {{ ref('stg_customers') }}
{% endsnapshot %}
