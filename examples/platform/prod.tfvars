environment  = "prod"
promote_from = "staging"

min_auc            = 0.92
max_latency_p95_ms = 80

# prod is protected: the promotion needs an approval, recorded in the audit log.
approval = {
  approved_by = "alice@example.com"
  ticket      = "CHG-1234"
}
