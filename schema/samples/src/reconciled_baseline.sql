-- Reconciled B0.3 baseline (Alembic 202511171200_reconcile_b03_baseline): exactly the
-- canonical schema. schema/samples/make.sh applies schema/canonical_schema.sql and then
-- this file, which adds nothing.
SELECT 1;
