select
    id as payment_id,
    order_id,
    payment_method,
    amount_cents,
    {{ cents_to_dollars('amount_cents') }} as amount
from {{ source('jaffle_raw', 'raw_payments') }}
