select
    i.order_id,
    sum(i.quantity) as item_count,
    sum(i.quantity * p.price_cents) as items_cents
from {{ ref('stg_order_items') }} as i
join {{ ref('stg_products') }} as p on p.sku = i.sku
group by i.order_id
