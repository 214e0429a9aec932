-- Revenue per day never exceeds what the orders of that day paid.
select r.order_date, r.revenue_cents, sum(o.total_cents) as paid_cents
from {{ ref('daily_revenue') }} as r
join {{ ref('fct_orders') }} as o on o.order_date = r.order_date
group by r.order_date, r.revenue_cents
having r.revenue_cents > sum(o.total_cents)
