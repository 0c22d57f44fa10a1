-- Legacy migration head (Alembic 202511161130, before 202511171200_reconcile_b03_baseline),
-- reproduced as the canonical schema plus the three drifts of seed 004 §3.2.
-- Applied by schema/samples/make.sh AFTER schema/canonical_schema.sql.

-- SCHEMA-DRIFT-003: attribution_allocations.channel renamed to channel_code, validated by an
-- FK to a channel_taxonomy lookup table instead of the canonical CHECK.
CREATE TABLE public.channel_taxonomy (
    code          varchar(100)  NOT NULL,
    display_name  varchar(255)  NOT NULL,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT pk_channel_taxonomy PRIMARY KEY (code)
);
COMMENT ON TABLE public.channel_taxonomy IS 'Channel codes (legacy lookup table, SCHEMA-DRIFT-003).';
REVOKE ALL ON TABLE public.channel_taxonomy FROM PUBLIC;
GRANT SELECT ON TABLE public.channel_taxonomy TO app_rw, app_ro;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.channel_taxonomy TO app_admin;

ALTER TABLE public.attribution_allocations DROP CONSTRAINT ck_attribution_allocations_channel_code_valid;
ALTER TABLE public.attribution_allocations RENAME COLUMN channel TO channel_code;
ALTER TABLE public.attribution_allocations
    ADD CONSTRAINT fk_attribution_allocations_channel_code FOREIGN KEY (channel_code)
    REFERENCES public.channel_taxonomy (code);

-- SCHEMA-DRIFT-001: no composite covering index; only legacy single-column indexes.
DROP INDEX public.idx_allocations_channel_performance;
CREATE INDEX idx_allocations_tenant_id ON public.attribution_allocations (tenant_id);
CREATE INDEX idx_allocations_channel_code ON public.attribution_allocations (channel_code);
CREATE INDEX idx_allocations_created_at ON public.attribution_allocations (created_at);

-- SCHEMA-DRIFT-002: remediation enum accepts 'ignored' instead of 'abandoned'.
ALTER TABLE public.dead_events DROP CONSTRAINT ck_dead_events_remediation_status_valid;
ALTER TABLE public.dead_events
    ADD CONSTRAINT ck_dead_events_remediation_status_valid
    CHECK (remediation_status IN ('pending', 'in_progress', 'resolved', 'ignored'));
