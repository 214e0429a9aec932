{% snapshot customers_snapshot %}
{{ config(unique_key='id', strategy='timestamp', updated_at='updated_at') }}
select id, first_name, last_name, email, country_code, updated_at
from {{ source('jaffle_raw', 'raw_customers') }}
{% endsnapshot %}

{% snapshot products_snapshot %}
{{ config(unique_key='sku', strategy='check', check_cols=['name', 'price_cents'], invalidate_hard_deletes=True, table_type='iceberg') }}
select sku, name, price_cents
from {{ source('jaffle_raw', 'raw_products') }}
{% endsnapshot %}
