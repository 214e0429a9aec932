{{ config(materialized='view') }}
select p.sku, p.name, coalesce(sum(i.quantity), 0) as units_sold
from {{ ref('stg_products') }} as p
left join {{ ref('stg_order_items') }} as i on i.sku = p.sku
group by p.sku, p.name
