-- =============================================================================
-- Skeldir canonical executable schema (B0.3 baseline + seed 002 phases 4A–4C)
--
-- Authoritative executable spec (seed 004 §2.1). Written from the seed documents in
-- /work/shared/seeds; every place where the seeds disagree is decided in
-- schema/DECISIONS.md (D-numbers below refer to it). The metadata overlay that tags
-- these objects with invariants, severities and phases is schema/canonical_schema.yaml.
--
-- Applies cleanly on PostgreSQL 15+ (`psql -v ON_ERROR_STOP=1 -f`) and on PGlite.
-- Needs no extension: gen_random_uuid() is core since PostgreSQL 13.
-- Conventions (seed 003 Phase 1): `id uuid PRIMARY KEY DEFAULT gen_random_uuid()`,
-- `tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE`,
-- `created_at timestamptz NOT NULL DEFAULT now()`, money as INTEGER cents (lint rule 6).
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Roles (seed 003 §1.2): created idempotently, NOLOGIN; real deployments grant
-- LOGIN users membership in them.
-- -----------------------------------------------------------------------------
DO $roles$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['app_rw', 'app_ro', 'app_admin', 'migration_owner'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END
$roles$;

-- -----------------------------------------------------------------------------
-- tenants — the tenancy root. No tenant_id column, so no RLS (D-07): API-key
-- authentication must find a tenant before any tenant is known.
-- -----------------------------------------------------------------------------
CREATE TABLE public.tenants (
    id                  uuid            NOT NULL DEFAULT gen_random_uuid(),
    name                varchar(255)    NOT NULL,
    api_key_hash        varchar(255)    NOT NULL,
    notification_email  varchar(255)    NOT NULL,
    created_at          timestamptz     NOT NULL DEFAULT now(),
    updated_at          timestamptz     NOT NULL DEFAULT now(),
    CONSTRAINT pk_tenants PRIMARY KEY (id)
);

-- auth_critical: API-key lookup (B1.2) and uniqueness of api_key_hash.
CREATE UNIQUE INDEX idx_tenants_api_key_hash ON public.tenants (api_key_hash);

COMMENT ON TABLE public.tenants IS
    'Tenant registry and API-key authentication root. Not tenant-scoped itself (no tenant_id): access is controlled by GRANTs, not RLS.';
COMMENT ON COLUMN public.tenants.api_key_hash IS
    'auth_critical: hash of the tenant API key; unique via idx_tenants_api_key_hash.';
COMMENT ON COLUMN public.tenants.notification_email IS
    'auth_critical: address for security and billing notifications.';

-- -----------------------------------------------------------------------------
-- attribution_events — ingested events (B0.4) and the worker queue (B0.5).
-- -----------------------------------------------------------------------------
CREATE TABLE public.attribution_events (
    id                      uuid            NOT NULL DEFAULT gen_random_uuid(),
    tenant_id               uuid            NOT NULL,
    idempotency_key         varchar(255)    NOT NULL,
    external_event_id       varchar(255),
    correlation_id          uuid,
    session_id              uuid            NOT NULL,
    event_type              varchar(50)     NOT NULL,
    channel                 varchar(100)    NOT NULL,
    event_timestamp         timestamptz     NOT NULL,
    conversion_value_cents  integer,
    currency                varchar(3)      NOT NULL DEFAULT 'USD',
    processing_status       varchar(20)     NOT NULL DEFAULT 'pending',
    processed_at            timestamptz              DEFAULT now(),
    retry_count             integer         NOT NULL DEFAULT 0,
    raw_payload             jsonb           NOT NULL,
    created_at              timestamptz     NOT NULL DEFAULT now(),
    CONSTRAINT pk_attribution_events PRIMARY KEY (id),
    CONSTRAINT fk_attribution_events_tenant_id FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE CASCADE,
    CONSTRAINT ck_attribution_events_processing_status_valid
        CHECK (processing_status IN ('pending', 'processing', 'processed', 'failed')),
    CONSTRAINT ck_attribution_events_conversion_value_cents_non_negative
        CHECK (conversion_value_cents >= 0),
    CONSTRAINT ck_attribution_events_retry_count_non_negative
        CHECK (retry_count >= 0)
);

-- Global idempotency key: ON CONFLICT (idempotency_key) DO NOTHING (seed 000 §4.1, D-03).
CREATE UNIQUE INDEX idx_events_idempotency ON public.attribution_events (idempotency_key);
-- Per-source idempotency (seed 003 §2.3): external id when the source has one, else correlation id.
CREATE UNIQUE INDEX idx_events_tenant_external_event_id
    ON public.attribution_events (tenant_id, external_event_id)
    WHERE external_event_id IS NOT NULL;
CREATE UNIQUE INDEX idx_events_tenant_correlation_id
    ON public.attribution_events (tenant_id, correlation_id)
    WHERE external_event_id IS NULL AND correlation_id IS NOT NULL;
-- Worker queue: SELECT … WHERE processing_status = 'pending' (seed 001 §3.3).
CREATE INDEX idx_events_processing_status
    ON public.attribution_events (processing_status, processed_at)
    WHERE processing_status = 'pending';
-- Time series (lint rule 7): realtime revenue per tenant.
CREATE INDEX idx_events_tenant_timestamp
    ON public.attribution_events (tenant_id, event_timestamp DESC);

COMMENT ON TABLE public.attribution_events IS
    'Ingested attribution events; idempotent by idempotency_key; worker queue via processing_status. RLS: tenant_isolation_policy.';
COMMENT ON COLUMN public.attribution_events.correlation_id IS
    'Ingest-boundary correlation id: stitches this event to its dead_events row(s) and downstream allocations for forensic reconstruction; fallback idempotency key when external_event_id is NULL (Stripe payment intent).';
COMMENT ON COLUMN public.attribution_events.session_id IS
    'privacy_critical: visitor session; NOT NULL so every event is attributable to one session.';
COMMENT ON COLUMN public.attribution_events.conversion_value_cents IS
    'financial_critical: event revenue in cents (NULL for non-conversion events); the sum-equality invariant compares allocations to it (seed 002 calls it revenue_cents, D-01).';
COMMENT ON COLUMN public.attribution_events.processed_at IS
    'Time of the last processing-state change; DEFAULT now() as seed 001 specifies (D-05).';

-- -----------------------------------------------------------------------------
-- attribution_allocations — per-channel revenue credit of one event under one
-- model version (B2.1), with statistical metadata and verification flags.
-- -----------------------------------------------------------------------------
CREATE TABLE public.attribution_allocations (
    id                              uuid            NOT NULL DEFAULT gen_random_uuid(),
    tenant_id                       uuid            NOT NULL,
    event_id                        uuid            NOT NULL,
    channel                         varchar(100)    NOT NULL,
    allocated_revenue_cents         integer         NOT NULL,
    allocation_ratio                numeric(6,5)    NOT NULL,
    model_type                      varchar(50)     NOT NULL,
    model_version                   text            NOT NULL,
    confidence_score                numeric(4,3),
    credible_interval_lower_cents   integer,
    credible_interval_upper_cents   integer,
    convergence_r_hat               numeric(5,3),
    effective_sample_size           integer,
    verified                        boolean         NOT NULL DEFAULT false,
    verification_source             varchar(50),
    created_at                      timestamptz     NOT NULL DEFAULT now(),
    updated_at                      timestamptz     NOT NULL DEFAULT now(),
    CONSTRAINT pk_attribution_allocations PRIMARY KEY (id),
    CONSTRAINT fk_attribution_allocations_tenant_id FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_attribution_allocations_event_id FOREIGN KEY (event_id)
        REFERENCES public.attribution_events (id) ON DELETE CASCADE,
    CONSTRAINT ck_attribution_allocations_allocated_revenue_cents_non_negative
        CHECK (allocated_revenue_cents >= 0),
    CONSTRAINT ck_attribution_allocations_allocation_ratio_range
        CHECK (allocation_ratio >= 0 AND allocation_ratio <= 1),
    CONSTRAINT ck_attribution_allocations_channel_code_valid
        CHECK (channel IN ('google_search', 'facebook_ads', 'direct', 'email', 'organic')),
    CONSTRAINT ck_attribution_allocations_confidence_score_range
        CHECK (confidence_score >= 0 AND confidence_score <= 1),
    CONSTRAINT ck_attribution_allocations_credible_interval_order
        CHECK (credible_interval_lower_cents <= credible_interval_upper_cents),
    CONSTRAINT ck_attribution_allocations_effective_sample_size_positive
        CHECK (effective_sample_size > 0)
);

-- Allocation idempotency (seed 002 Phase 4A): one row per (tenant, event, model_version, channel).
CREATE UNIQUE INDEX idx_attribution_allocations_tenant_event_model_channel
    ON public.attribution_allocations (tenant_id, event_id, model_version, channel)
    WHERE model_version IS NOT NULL;
-- Channel performance (SCHEMA-DRIFT-001): composite with covering payload.
CREATE INDEX idx_allocations_channel_performance
    ON public.attribution_allocations (tenant_id, channel, created_at DESC)
    INCLUDE (allocated_revenue_cents, confidence_score);
-- Model rollups (seed 002 Phase 5B).
CREATE INDEX idx_allocations_tenant_model_version
    ON public.attribution_allocations (tenant_id, model_version);

COMMENT ON TABLE public.attribution_allocations IS
    'Revenue credit of one event per channel and model version; allocations of an event sum to its conversion_value_cents (±1 cent, trg_check_allocation_sum). RLS: tenant_isolation_policy.';
COMMENT ON COLUMN public.attribution_allocations.channel IS
    'Channel credited; canonical name is channel (not channel_code, SCHEMA-DRIFT-003), validated by ck_attribution_allocations_channel_code_valid.';
COMMENT ON COLUMN public.attribution_allocations.confidence_score IS
    'statistical: posterior confidence in [0,1], NUMERIC(4,3).';

-- -----------------------------------------------------------------------------
-- reconciliation_runs — reconciliation of the ledger against payment platforms.
-- Created before revenue_ledger, which references it.
-- -----------------------------------------------------------------------------
CREATE TABLE public.reconciliation_runs (
    id              uuid            NOT NULL DEFAULT gen_random_uuid(),
    tenant_id       uuid            NOT NULL,
    state           varchar(20)     NOT NULL DEFAULT 'pending',
    last_run_at     timestamptz     NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    error_message   text,
    created_at      timestamptz     NOT NULL DEFAULT now(),
    CONSTRAINT pk_reconciliation_runs PRIMARY KEY (id),
    CONSTRAINT fk_reconciliation_runs_tenant_id FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE CASCADE,
    CONSTRAINT ck_reconciliation_runs_state_valid
        CHECK (state IN ('pending', 'running', 'completed', 'failed'))
);

-- Time series: GET /api/reconciliation/status (seed 003 §2.3).
CREATE INDEX idx_reconciliation_runs_tenant_last_run_at
    ON public.reconciliation_runs (tenant_id, last_run_at DESC);

COMMENT ON TABLE public.reconciliation_runs IS
    'One reconciliation of the revenue ledger against a payment platform. RLS: tenant_isolation_policy.';

-- -----------------------------------------------------------------------------
-- revenue_ledger — verified revenue postings. Immutable for the application:
-- app_rw may INSERT and SELECT only (seed 002 Phase 4C, D-09).
-- -----------------------------------------------------------------------------
CREATE TABLE public.revenue_ledger (
    id                      uuid            NOT NULL DEFAULT gen_random_uuid(),
    tenant_id               uuid            NOT NULL,
    transaction_id          varchar(255)    NOT NULL,
    state                   varchar(50)     NOT NULL,
    previous_state          varchar(50),
    amount_cents            integer         NOT NULL,
    currency                varchar(3)      NOT NULL,
    verification_source     varchar(50)     NOT NULL,
    verification_timestamp  timestamptz     NOT NULL,
    metadata                jsonb           NOT NULL DEFAULT '{}'::jsonb,
    reconciliation_run_id   uuid,
    allocation_id           uuid,
    posted_at               timestamptz     NOT NULL DEFAULT now(),
    created_at              timestamptz     NOT NULL DEFAULT now(),
    CONSTRAINT pk_revenue_ledger PRIMARY KEY (id),
    CONSTRAINT fk_revenue_ledger_tenant_id FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_revenue_ledger_reconciliation_run_id FOREIGN KEY (reconciliation_run_id)
        REFERENCES public.reconciliation_runs (id) ON DELETE SET NULL,
    CONSTRAINT fk_revenue_ledger_allocation_id FOREIGN KEY (allocation_id)
        REFERENCES public.attribution_allocations (id) ON DELETE CASCADE,
    CONSTRAINT ck_revenue_ledger_state_valid
        CHECK (state IN ('pending', 'authorized', 'captured', 'refunded', 'chargeback')),
    CONSTRAINT ck_revenue_ledger_previous_state_valid
        CHECK (previous_state IN ('pending', 'authorized', 'captured', 'refunded', 'chargeback')),
    CONSTRAINT ck_revenue_ledger_amount_cents_non_negative
        CHECK (amount_cents >= 0)
);

-- Transaction idempotency: ON CONFLICT (transaction_id) (seed 000 §6.2).
CREATE UNIQUE INDEX idx_revenue_ledger_transaction_id ON public.revenue_ledger (transaction_id);
-- Allocation-based posting idempotency (seed 002 Phase 4C).
CREATE UNIQUE INDEX idx_revenue_ledger_tenant_allocation_id
    ON public.revenue_ledger (tenant_id, allocation_id)
    WHERE allocation_id IS NOT NULL;
-- Time series: posted revenue per tenant.
CREATE INDEX idx_revenue_ledger_tenant_posted_at
    ON public.revenue_ledger (tenant_id, posted_at DESC);

COMMENT ON TABLE public.revenue_ledger IS
    'Verified revenue postings, immutable for the application role (app_rw: SELECT, INSERT only); corrections are new entries or go through app_admin. RLS: tenant_isolation_policy.';
COMMENT ON COLUMN public.revenue_ledger.metadata IS
    'FX rates and conversion timestamps for multi-currency postings (B2.3).';

-- -----------------------------------------------------------------------------
-- revenue_state_transitions — audit trail of ledger state changes (B2.4).
-- -----------------------------------------------------------------------------
CREATE TABLE public.revenue_state_transitions (
    id               uuid            NOT NULL DEFAULT gen_random_uuid(),
    tenant_id        uuid            NOT NULL,
    ledger_id        uuid            NOT NULL,
    from_state       varchar(50),
    to_state         varchar(50)     NOT NULL,
    reason           text,
    transitioned_at  timestamptz     NOT NULL DEFAULT now(),
    CONSTRAINT pk_revenue_state_transitions PRIMARY KEY (id),
    CONSTRAINT fk_revenue_state_transitions_tenant_id FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE CASCADE,
    CONSTRAINT fk_revenue_state_transitions_ledger_id FOREIGN KEY (ledger_id)
        REFERENCES public.revenue_ledger (id) ON DELETE CASCADE,
    CONSTRAINT ck_revenue_state_transitions_from_state_valid
        CHECK (from_state IN ('pending', 'authorized', 'captured', 'refunded', 'chargeback')),
    CONSTRAINT ck_revenue_state_transitions_to_state_valid
        CHECK (to_state IN ('pending', 'authorized', 'captured', 'refunded', 'chargeback'))
);

-- Transition history per ledger entry (seed 001 §3.8).
CREATE INDEX idx_revenue_state_transitions_ledger
    ON public.revenue_state_transitions (ledger_id, transitioned_at DESC);

COMMENT ON TABLE public.revenue_state_transitions IS
    'Append-only history of revenue_ledger state changes (from_state → to_state). RLS: tenant_isolation_policy.';

-- -----------------------------------------------------------------------------
-- dead_events — dead-letter queue with retry tracking and remediation (B0.5).
-- -----------------------------------------------------------------------------
CREATE TABLE public.dead_events (
    id                  uuid            NOT NULL DEFAULT gen_random_uuid(),
    tenant_id           uuid            NOT NULL,
    correlation_id      uuid,
    event_type          varchar(50)     NOT NULL,
    raw_payload         jsonb           NOT NULL,
    error_type          varchar(100)    NOT NULL,
    error_message       text            NOT NULL,
    retry_count         integer         NOT NULL DEFAULT 0,
    last_retry_at       timestamptz,
    remediation_status  varchar(20)     NOT NULL DEFAULT 'pending',
    remediation_notes   text,
    ingested_at         timestamptz     NOT NULL DEFAULT now(),
    created_at          timestamptz     NOT NULL DEFAULT now(),
    CONSTRAINT pk_dead_events PRIMARY KEY (id),
    CONSTRAINT fk_dead_events_tenant_id FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE CASCADE,
    CONSTRAINT ck_dead_events_remediation_status_valid
        CHECK (remediation_status IN ('pending', 'in_progress', 'resolved', 'abandoned')),
    CONSTRAINT ck_dead_events_retry_count_non_negative
        CHECK (retry_count >= 0)
);

-- Remediation queue, newest first (seed 001 §3.1.6).
CREATE INDEX idx_dead_events_remediation
    ON public.dead_events (remediation_status, created_at DESC);
-- Operator triage per tenant (seed 003 §2.3).
CREATE INDEX idx_dead_events_tenant_ingested_at
    ON public.dead_events (tenant_id, ingested_at DESC);

COMMENT ON TABLE public.dead_events IS
    'Dead-letter queue: events that failed ingestion, with retry tracking and remediation status. RLS: tenant_isolation_policy.';
COMMENT ON COLUMN public.dead_events.correlation_id IS
    'Ingest-boundary correlation id copied from the failed request: joins this row to attribution_events.correlation_id when a retry succeeds.';

-- -----------------------------------------------------------------------------
-- Sum-equality invariant (seed 002 Phase 4B): allocations of one event under one
-- model version sum to the event revenue within ±1 cent. Deferred constraint
-- trigger, so a multi-statement allocation write is checked once at commit (D-11).
-- -----------------------------------------------------------------------------
CREATE FUNCTION public.check_allocation_sum() RETURNS trigger
    LANGUAGE plpgsql
AS $fn$
DECLARE
    tolerance_cents CONSTANT integer := 1;  -- ±1 cent rounding tolerance (ROUNDING_POLICY)
    k               record;
    event_revenue   bigint;
    allocated_sum   bigint;
    n               integer;
BEGIN
    -- NEW is NULL for DELETE, OLD for INSERT: check every (event, model_version) touched.
    FOR k IN
        SELECT DISTINCT v.event_id, v.model_version
        FROM (VALUES (NEW.event_id, NEW.model_version), (OLD.event_id, OLD.model_version)) AS v (event_id, model_version)
        WHERE v.event_id IS NOT NULL
    LOOP
        SELECT e.conversion_value_cents INTO event_revenue
        FROM public.attribution_events e
        WHERE e.id = k.event_id;
        IF NOT FOUND THEN
            CONTINUE;  -- event deleted (its allocations cascade)
        END IF;

        SELECT count(*), COALESCE(sum(a.allocated_revenue_cents), 0) INTO n, allocated_sum
        FROM public.attribution_allocations a
        WHERE a.event_id = k.event_id AND a.model_version = k.model_version;
        IF n = 0 THEN
            CONTINUE;  -- no allocations left for this model version
        END IF;

        IF abs(allocated_sum - COALESCE(event_revenue, 0)) > tolerance_cents THEN
            RAISE EXCEPTION 'Allocation sum mismatch for event % model_version %: allocated=% expected=% drift=%',
                k.event_id, k.model_version, allocated_sum, COALESCE(event_revenue, 0),
                abs(allocated_sum - COALESCE(event_revenue, 0))
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    RETURN NULL;
END
$fn$;

COMMENT ON FUNCTION public.check_allocation_sum() IS
    'Sum-equality invariant: per (event, model_version), sum(allocated_revenue_cents) = event conversion_value_cents ± 1 cent; raises SQLSTATE 23514.';

CREATE CONSTRAINT TRIGGER trg_check_allocation_sum
    AFTER INSERT OR UPDATE OR DELETE ON public.attribution_allocations
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION public.check_allocation_sum();

-- -----------------------------------------------------------------------------
-- Read models (seed 003 §2.5, seed 002 Phase 4B). Materialized views cannot carry
-- RLS, so they hold every tenant and are granted to app_admin only; tenant-facing
-- reads go through the security-barrier views below (D-12). Created WITH NO DATA:
-- the refresh job populates them (REFRESH … CONCURRENTLY via the unique indexes).
-- -----------------------------------------------------------------------------
CREATE MATERIALIZED VIEW public.mv_allocation_summary AS
SELECT
    aa.tenant_id,
    aa.event_id,
    aa.model_version,
    sum(aa.allocated_revenue_cents) AS total_allocated_cents,
    e.conversion_value_cents AS event_revenue_cents,
    (sum(aa.allocated_revenue_cents) = e.conversion_value_cents) AS is_balanced,
    abs(sum(aa.allocated_revenue_cents) - e.conversion_value_cents) AS drift_cents
FROM public.attribution_allocations aa
JOIN public.attribution_events e ON e.id = aa.event_id AND e.tenant_id = aa.tenant_id
GROUP BY aa.tenant_id, aa.event_id, aa.model_version, e.conversion_value_cents
WITH NO DATA;

CREATE UNIQUE INDEX idx_mv_allocation_summary_key
    ON public.mv_allocation_summary (tenant_id, event_id, model_version);

COMMENT ON MATERIALIZED VIEW public.mv_allocation_summary IS
    'Sum-equality report: allocated vs event revenue per (tenant, event, model_version); drift_cents > 1 is a violation the trigger should have rejected.';

CREATE MATERIALIZED VIEW public.mv_realtime_revenue AS
SELECT
    t.id AS tenant_id,
    COALESCE(l.total_revenue_cents, 0) AS total_revenue_cents,
    COALESCE(l.verified, false) AS verified,
    (EXTRACT(EPOCH FROM (now() - GREATEST(l.last_posted_at, e.last_event_at))))::integer AS data_freshness_seconds,
    now() AS refreshed_at
FROM public.tenants t
LEFT JOIN (
    SELECT
        tenant_id,
        sum(amount_cents) FILTER (WHERE state = 'captured') AS total_revenue_cents,
        bool_and(reconciliation_run_id IS NOT NULL) AS verified,
        max(posted_at) AS last_posted_at
    FROM public.revenue_ledger
    GROUP BY tenant_id
) l ON l.tenant_id = t.id
LEFT JOIN (
    SELECT tenant_id, max(event_timestamp) AS last_event_at
    FROM public.attribution_events
    GROUP BY tenant_id
) e ON e.tenant_id = t.id
WITH NO DATA;

CREATE UNIQUE INDEX idx_mv_realtime_revenue_tenant ON public.mv_realtime_revenue (tenant_id);

COMMENT ON MATERIALIZED VIEW public.mv_realtime_revenue IS
    'RealtimeRevenueResponse per tenant: captured revenue, whether every posting is reconciled, data freshness at refresh time.';

CREATE MATERIALIZED VIEW public.mv_reconciliation_status AS
SELECT DISTINCT ON (r.tenant_id)
    r.tenant_id,
    r.state,
    r.last_run_at
FROM public.reconciliation_runs r
ORDER BY r.tenant_id, r.last_run_at DESC
WITH NO DATA;

CREATE UNIQUE INDEX idx_mv_reconciliation_status_tenant ON public.mv_reconciliation_status (tenant_id);

COMMENT ON MATERIALIZED VIEW public.mv_reconciliation_status IS
    'ReconciliationStatusResponse per tenant: state and time of the latest reconciliation run.';

CREATE VIEW public.v_realtime_revenue WITH (security_barrier = true) AS
SELECT tenant_id, total_revenue_cents, verified, data_freshness_seconds, refreshed_at
FROM public.mv_realtime_revenue
WHERE tenant_id = current_setting('app.current_tenant_id')::uuid;

COMMENT ON VIEW public.v_realtime_revenue IS
    'Tenant-scoped read of mv_realtime_revenue (same predicate as tenant_isolation_policy).';

CREATE VIEW public.v_reconciliation_status WITH (security_barrier = true) AS
SELECT tenant_id, state, last_run_at
FROM public.mv_reconciliation_status
WHERE tenant_id = current_setting('app.current_tenant_id')::uuid;

COMMENT ON VIEW public.v_reconciliation_status IS
    'Tenant-scoped read of mv_reconciliation_status (same predicate as tenant_isolation_policy).';

-- -----------------------------------------------------------------------------
-- Row-level security (seed 001 §2.4, seed 003 §3.1): every table with tenant_id.
-- FORCE so the table owner is bound too; USING and WITH CHECK on the same GUC.
-- -----------------------------------------------------------------------------
ALTER TABLE public.attribution_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.attribution_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_policy ON public.attribution_events
    USING (tenant_id = current_setting('app.current_tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id')::uuid);

ALTER TABLE public.attribution_allocations ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.attribution_allocations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_policy ON public.attribution_allocations
    USING (tenant_id = current_setting('app.current_tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id')::uuid);

ALTER TABLE public.revenue_ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.revenue_ledger FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_policy ON public.revenue_ledger
    USING (tenant_id = current_setting('app.current_tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id')::uuid);

ALTER TABLE public.revenue_state_transitions ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.revenue_state_transitions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_policy ON public.revenue_state_transitions
    USING (tenant_id = current_setting('app.current_tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id')::uuid);

ALTER TABLE public.dead_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.dead_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_policy ON public.dead_events
    USING (tenant_id = current_setting('app.current_tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id')::uuid);

ALTER TABLE public.reconciliation_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.reconciliation_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation_policy ON public.reconciliation_runs
    USING (tenant_id = current_setting('app.current_tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id')::uuid);

-- -----------------------------------------------------------------------------
-- GRANTs (seed 003 §3.2, seed 002 Phase 4C). Least privilege: PUBLIC gets nothing;
-- app_rw reads and writes tenant data but never UPDATEs or DELETEs revenue_ledger.
-- -----------------------------------------------------------------------------
REVOKE ALL ON TABLE public.tenants, public.attribution_events, public.attribution_allocations,
    public.revenue_ledger, public.revenue_state_transitions, public.dead_events,
    public.reconciliation_runs FROM PUBLIC;
REVOKE ALL ON TABLE public.mv_allocation_summary, public.mv_realtime_revenue,
    public.mv_reconciliation_status, public.v_realtime_revenue, public.v_reconciliation_status FROM PUBLIC;

GRANT SELECT ON TABLE public.tenants TO app_rw;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.attribution_events TO app_rw;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.attribution_allocations TO app_rw;
GRANT SELECT, INSERT ON TABLE public.revenue_ledger TO app_rw;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.revenue_state_transitions TO app_rw;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.dead_events TO app_rw;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.reconciliation_runs TO app_rw;
GRANT SELECT ON TABLE public.v_realtime_revenue, public.v_reconciliation_status TO app_rw;

GRANT SELECT ON TABLE public.attribution_events, public.attribution_allocations, public.revenue_ledger,
    public.revenue_state_transitions, public.dead_events, public.reconciliation_runs TO app_ro;
GRANT SELECT ON TABLE public.v_realtime_revenue, public.v_reconciliation_status TO app_ro;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.tenants, public.attribution_events,
    public.attribution_allocations, public.revenue_ledger, public.revenue_state_transitions,
    public.dead_events, public.reconciliation_runs TO app_admin;
GRANT SELECT ON TABLE public.mv_allocation_summary, public.mv_realtime_revenue,
    public.mv_reconciliation_status, public.v_realtime_revenue, public.v_reconciliation_status TO app_admin;
