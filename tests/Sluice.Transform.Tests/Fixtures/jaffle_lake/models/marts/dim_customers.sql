{{ config(materialized='table', table_type='hive', format='parquet', write_compression='snappy') }}
select
    c.customer_id,
    c.full_name,
    c.email,
    n.name as country_name,
    n.region,
    coalesce(co.order_count, 0) as order_count,
    co.first_order_date,
    co.last_order_date,
    coalesce(co.lifetime_value_cents, 0) as lifetime_value_cents
from {{ ref('stg_customers') }} as c
left join {{ ref('countries') }} as n on n.code = c.country_code
left join {{ ref('int_customer_orders') }} as co on co.customer_id = c.customer_id
