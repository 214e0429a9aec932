{{ config(materialized='ephemeral') }}
select customer_id, sum(coalesce(amount, 0)) as total_amount, count(*) as order_count
from {{ ref('stg_orders') }}
group by customer_id
