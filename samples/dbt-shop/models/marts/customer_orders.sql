{{ config(materialized='table', tags=['finance']) }}
select
    c.customer_id,
    c.full_name,
    t.total_amount,
    t.order_count
from {{ ref('stg_customers') }} as c
join {{ ref('order_totals') }} as t on t.customer_id = c.customer_id
