select
    id as customer_id,
    first_name || ' ' || last_name as full_name,
    lower(email) as email,
    country_code,
    updated_at
from {{ source('jaffle_raw', 'raw_customers') }}
