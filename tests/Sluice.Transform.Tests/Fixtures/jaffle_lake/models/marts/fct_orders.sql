{{ config(
    materialized='incremental',
    table_type='iceberg',
    incremental_strategy='merge',
    unique_key='order_id',
    on_schema_change='append_new_columns'
) }}
{% set methods = get_payment_methods() %}
select
    o.order_id,
    o.customer_id,
    o.order_date,
    o.status,
    {%- for method in methods %}
    coalesce(p.{{ method }}_cents, 0) as {{ method }}_cents,
    {%- endfor %}
    coalesce(p.total_cents, 0) as total_cents,
    coalesce(i.item_count, 0) as item_count,
    o.updated_at
from {{ ref('stg_orders') }} as o
left join {{ ref('int_order_payments') }} as p on p.order_id = o.order_id
left join {{ ref('int_order_items') }} as i on i.order_id = o.order_id
{% if is_incremental() %}
where o.updated_at > (select max(updated_at) from {{ this }})
{% endif %}
