{{ config(materialized='incremental', incremental_strategy='insert_overwrite', partitioned_by=['order_date']) }}
select
    count(*) as order_count,
    sum(CASE WHEN {{ status_in('o.status', var('completed_statuses')) }} THEN coalesce(p.total_cents, 0) ELSE 0 END) as revenue_cents,
    max(o.updated_at) as max_updated_at,
    o.order_date
from {{ ref('stg_orders') }} as o
left join {{ ref('int_order_payments') }} as p on p.order_id = o.order_id
{% if is_incremental() %}
where o.order_date in (
    select order_date from {{ ref('stg_orders') }}
    where updated_at > (select max(max_updated_at) from {{ this }})
)
{% endif %}
group by o.order_date
