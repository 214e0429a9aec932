select sku, name, price_cents
from {{ source('jaffle_raw', 'raw_products') }}
