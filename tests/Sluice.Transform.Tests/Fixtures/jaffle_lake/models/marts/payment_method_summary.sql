{{ config(materialized='table', table_type='iceberg') }}
select
    m.method as payment_method,
    m.label,
    count(p.payment_id) as payment_count,
    coalesce(sum(p.amount_cents), 0) as amount_cents
from {{ ref('payment_methods') }} as m
left join {{ ref('stg_payments') }} as p on p.payment_method = m.method
group by m.method, m.label
