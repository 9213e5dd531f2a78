environment  = "staging"
promote_from = "dev"

min_auc            = 0.9
max_latency_p95_ms = 100
