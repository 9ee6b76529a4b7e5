"""The labor inspection program (勞動檢查處, seed sections 參 and 捌): inspections, violations,
stop-work orders and resumption, occupational accidents and their alert chain, the accident map.
Each case family is its own Django app inside this package (ADR 0003)."""
