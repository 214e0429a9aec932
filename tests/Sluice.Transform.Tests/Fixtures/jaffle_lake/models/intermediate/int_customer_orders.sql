{{ config(materialized='ephemeral') }}
select
    o.customer_id,
    count(*) as order_count,
    min(o.order_date) as first_order_date,
    max(o.order_date) as last_order_date,
    sum(CASE WHEN {{ status_in('o.status', var('completed_statuses')) }} THEN coalesce(p.total_cents, 0) ELSE 0 END) as lifetime_value_cents
from {{ ref('stg_orders') }} as o
left join {{ ref('int_order_payments') }} as p on p.order_id = o.order_id
group by o.customer_id
