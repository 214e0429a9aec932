{{ config(materialized='ephemeral') }}
{% set methods = get_payment_methods() %}
select
    order_id,
    {{ pivot_payments(methods) }}
from {{ ref('stg_payments') }}
group by order_id
