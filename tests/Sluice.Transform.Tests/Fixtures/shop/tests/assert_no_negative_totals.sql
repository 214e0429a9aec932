select customer_id, total_amount
from {{ ref('customer_orders') }}
where total_amount < {{ var('min_amount') }}
