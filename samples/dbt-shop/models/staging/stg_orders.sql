{{ config(materialized='view') }}
select
    id as order_id,
    customer_id,
    status,
    {{ cents_to_dollars('amount_cents') }} as amount,
    ordered_at,
    {{ status_flags('status') }}
from {{ ref('raw_orders') }}
