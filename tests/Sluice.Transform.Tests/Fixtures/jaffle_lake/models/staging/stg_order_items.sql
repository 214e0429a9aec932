select order_id, sku, quantity
from {{ source('jaffle_raw', 'raw_order_items') }}
