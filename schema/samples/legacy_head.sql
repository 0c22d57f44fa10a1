--
-- PostgreSQL database dump
--

\restrict vKLATdixMHu0oLDBRbeQE9iTPPsBH8bJcX3SH4asxspcW6WLO3e7uwaegLnDeud

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: check_allocation_sum(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.check_allocation_sum() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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
$$;


ALTER FUNCTION public.check_allocation_sum() OWNER TO postgres;

--
-- Name: FUNCTION check_allocation_sum(); Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON FUNCTION public.check_allocation_sum() IS 'Sum-equality invariant: per (event, model_version), sum(allocated_revenue_cents) = event conversion_value_cents ± 1 cent; raises SQLSTATE 23514.';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: attribution_allocations; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.attribution_allocations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    event_id uuid NOT NULL,
    channel_code character varying(100) NOT NULL,
    allocated_revenue_cents integer NOT NULL,
    allocation_ratio numeric(6,5) NOT NULL,
    model_type character varying(50) NOT NULL,
    model_version text NOT NULL,
    confidence_score numeric(4,3),
    credible_interval_lower_cents integer,
    credible_interval_upper_cents integer,
    convergence_r_hat numeric(5,3),
    effective_sample_size integer,
    verified boolean DEFAULT false NOT NULL,
    verification_source character varying(50),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_attribution_allocations_allocated_revenue_cents_non_negative CHECK ((allocated_revenue_cents >= 0)),
    CONSTRAINT ck_attribution_allocations_allocation_ratio_range CHECK (((allocation_ratio >= (0)::numeric) AND (allocation_ratio <= (1)::numeric))),
    CONSTRAINT ck_attribution_allocations_confidence_score_range CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric))),
    CONSTRAINT ck_attribution_allocations_credible_interval_order CHECK ((credible_interval_lower_cents <= credible_interval_upper_cents)),
    CONSTRAINT ck_attribution_allocations_effective_sample_size_positive CHECK ((effective_sample_size > 0))
);

ALTER TABLE ONLY public.attribution_allocations FORCE ROW LEVEL SECURITY;


ALTER TABLE public.attribution_allocations OWNER TO postgres;

--
-- Name: TABLE attribution_allocations; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.attribution_allocations IS 'Revenue credit of one event per channel and model version; allocations of an event sum to its conversion_value_cents (±1 cent, trg_check_allocation_sum). RLS: tenant_isolation_policy.';


--
-- Name: COLUMN attribution_allocations.channel_code; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.attribution_allocations.channel_code IS 'Channel credited; canonical name is channel (not channel_code, SCHEMA-DRIFT-003), validated by ck_attribution_allocations_channel_code_valid.';


--
-- Name: COLUMN attribution_allocations.confidence_score; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.attribution_allocations.confidence_score IS 'statistical: posterior confidence in [0,1], NUMERIC(4,3).';


--
-- Name: attribution_events; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.attribution_events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    idempotency_key character varying(255) NOT NULL,
    external_event_id character varying(255),
    correlation_id uuid,
    session_id uuid NOT NULL,
    event_type character varying(50) NOT NULL,
    channel character varying(100) NOT NULL,
    event_timestamp timestamp with time zone NOT NULL,
    conversion_value_cents integer,
    currency character varying(3) DEFAULT 'USD'::character varying NOT NULL,
    processing_status character varying(20) DEFAULT 'pending'::character varying NOT NULL,
    processed_at timestamp with time zone DEFAULT now(),
    retry_count integer DEFAULT 0 NOT NULL,
    raw_payload jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_attribution_events_conversion_value_cents_non_negative CHECK ((conversion_value_cents >= 0)),
    CONSTRAINT ck_attribution_events_processing_status_valid CHECK (((processing_status)::text = ANY ((ARRAY['pending'::character varying, 'processing'::character varying, 'processed'::character varying, 'failed'::character varying])::text[]))),
    CONSTRAINT ck_attribution_events_retry_count_non_negative CHECK ((retry_count >= 0))
);

ALTER TABLE ONLY public.attribution_events FORCE ROW LEVEL SECURITY;


ALTER TABLE public.attribution_events OWNER TO postgres;

--
-- Name: TABLE attribution_events; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.attribution_events IS 'Ingested attribution events; idempotent by idempotency_key; worker queue via processing_status. RLS: tenant_isolation_policy.';


--
-- Name: COLUMN attribution_events.correlation_id; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.attribution_events.correlation_id IS 'Ingest-boundary correlation id: stitches this event to its dead_events row(s) and downstream allocations for forensic reconstruction; fallback idempotency key when external_event_id is NULL (Stripe payment intent).';


--
-- Name: COLUMN attribution_events.session_id; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.attribution_events.session_id IS 'privacy_critical: visitor session; NOT NULL so every event is attributable to one session.';


--
-- Name: COLUMN attribution_events.conversion_value_cents; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.attribution_events.conversion_value_cents IS 'financial_critical: event revenue in cents (NULL for non-conversion events); the sum-equality invariant compares allocations to it (seed 002 calls it revenue_cents, D-01).';


--
-- Name: COLUMN attribution_events.processed_at; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.attribution_events.processed_at IS 'Time of the last processing-state change; DEFAULT now() as seed 001 specifies (D-05).';


--
-- Name: channel_taxonomy; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.channel_taxonomy (
    code character varying(100) NOT NULL,
    display_name character varying(255) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.channel_taxonomy OWNER TO postgres;

--
-- Name: TABLE channel_taxonomy; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.channel_taxonomy IS 'Channel codes (legacy lookup table, SCHEMA-DRIFT-003).';


--
-- Name: dead_events; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.dead_events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    correlation_id uuid,
    event_type character varying(50) NOT NULL,
    raw_payload jsonb NOT NULL,
    error_type character varying(100) NOT NULL,
    error_message text NOT NULL,
    retry_count integer DEFAULT 0 NOT NULL,
    last_retry_at timestamp with time zone,
    remediation_status character varying(20) DEFAULT 'pending'::character varying NOT NULL,
    remediation_notes text,
    ingested_at timestamp with time zone DEFAULT now() NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_dead_events_remediation_status_valid CHECK (((remediation_status)::text = ANY ((ARRAY['pending'::character varying, 'in_progress'::character varying, 'resolved'::character varying, 'ignored'::character varying])::text[]))),
    CONSTRAINT ck_dead_events_retry_count_non_negative CHECK ((retry_count >= 0))
);

ALTER TABLE ONLY public.dead_events FORCE ROW LEVEL SECURITY;


ALTER TABLE public.dead_events OWNER TO postgres;

--
-- Name: TABLE dead_events; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.dead_events IS 'Dead-letter queue: events that failed ingestion, with retry tracking and remediation status. RLS: tenant_isolation_policy.';


--
-- Name: COLUMN dead_events.correlation_id; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.dead_events.correlation_id IS 'Ingest-boundary correlation id copied from the failed request: joins this row to attribution_events.correlation_id when a retry succeeds.';


--
-- Name: mv_allocation_summary; Type: MATERIALIZED VIEW; Schema: public; Owner: postgres
--

CREATE MATERIALIZED VIEW public.mv_allocation_summary AS
 SELECT aa.tenant_id,
    aa.event_id,
    aa.model_version,
    sum(aa.allocated_revenue_cents) AS total_allocated_cents,
    e.conversion_value_cents AS event_revenue_cents,
    (sum(aa.allocated_revenue_cents) = e.conversion_value_cents) AS is_balanced,
    abs((sum(aa.allocated_revenue_cents) - e.conversion_value_cents)) AS drift_cents
   FROM (public.attribution_allocations aa
     JOIN public.attribution_events e ON (((e.id = aa.event_id) AND (e.tenant_id = aa.tenant_id))))
  GROUP BY aa.tenant_id, aa.event_id, aa.model_version, e.conversion_value_cents
  WITH NO DATA;


ALTER TABLE public.mv_allocation_summary OWNER TO postgres;

--
-- Name: MATERIALIZED VIEW mv_allocation_summary; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON MATERIALIZED VIEW public.mv_allocation_summary IS 'Sum-equality report: allocated vs event revenue per (tenant, event, model_version); drift_cents > 1 is a violation the trigger should have rejected.';


--
-- Name: revenue_ledger; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.revenue_ledger (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    transaction_id character varying(255) NOT NULL,
    state character varying(50) NOT NULL,
    previous_state character varying(50),
    amount_cents integer NOT NULL,
    currency character varying(3) NOT NULL,
    verification_source character varying(50) NOT NULL,
    verification_timestamp timestamp with time zone NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    reconciliation_run_id uuid,
    allocation_id uuid,
    posted_at timestamp with time zone DEFAULT now() NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_revenue_ledger_amount_cents_non_negative CHECK ((amount_cents >= 0)),
    CONSTRAINT ck_revenue_ledger_previous_state_valid CHECK (((previous_state)::text = ANY ((ARRAY['pending'::character varying, 'authorized'::character varying, 'captured'::character varying, 'refunded'::character varying, 'chargeback'::character varying])::text[]))),
    CONSTRAINT ck_revenue_ledger_state_valid CHECK (((state)::text = ANY ((ARRAY['pending'::character varying, 'authorized'::character varying, 'captured'::character varying, 'refunded'::character varying, 'chargeback'::character varying])::text[])))
);

ALTER TABLE ONLY public.revenue_ledger FORCE ROW LEVEL SECURITY;


ALTER TABLE public.revenue_ledger OWNER TO postgres;

--
-- Name: TABLE revenue_ledger; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.revenue_ledger IS 'Verified revenue postings, immutable for the application role (app_rw: SELECT, INSERT only); corrections are new entries or go through app_admin. RLS: tenant_isolation_policy.';


--
-- Name: COLUMN revenue_ledger.metadata; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.revenue_ledger.metadata IS 'FX rates and conversion timestamps for multi-currency postings (B2.3).';


--
-- Name: tenants; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.tenants (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name character varying(255) NOT NULL,
    api_key_hash character varying(255) NOT NULL,
    notification_email character varying(255) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.tenants OWNER TO postgres;

--
-- Name: TABLE tenants; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.tenants IS 'Tenant registry and API-key authentication root. Not tenant-scoped itself (no tenant_id): access is controlled by GRANTs, not RLS.';


--
-- Name: COLUMN tenants.api_key_hash; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.tenants.api_key_hash IS 'auth_critical: hash of the tenant API key; unique via idx_tenants_api_key_hash.';


--
-- Name: COLUMN tenants.notification_email; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.tenants.notification_email IS 'auth_critical: address for security and billing notifications.';


--
-- Name: mv_realtime_revenue; Type: MATERIALIZED VIEW; Schema: public; Owner: postgres
--

CREATE MATERIALIZED VIEW public.mv_realtime_revenue AS
 SELECT t.id AS tenant_id,
    COALESCE(l.total_revenue_cents, (0)::bigint) AS total_revenue_cents,
    COALESCE(l.verified, false) AS verified,
    (EXTRACT(epoch FROM (now() - GREATEST(l.last_posted_at, e.last_event_at))))::integer AS data_freshness_seconds,
    now() AS refreshed_at
   FROM ((public.tenants t
     LEFT JOIN ( SELECT revenue_ledger.tenant_id,
            sum(revenue_ledger.amount_cents) FILTER (WHERE ((revenue_ledger.state)::text = 'captured'::text)) AS total_revenue_cents,
            bool_and((revenue_ledger.reconciliation_run_id IS NOT NULL)) AS verified,
            max(revenue_ledger.posted_at) AS last_posted_at
           FROM public.revenue_ledger
          GROUP BY revenue_ledger.tenant_id) l ON ((l.tenant_id = t.id)))
     LEFT JOIN ( SELECT attribution_events.tenant_id,
            max(attribution_events.event_timestamp) AS last_event_at
           FROM public.attribution_events
          GROUP BY attribution_events.tenant_id) e ON ((e.tenant_id = t.id)))
  WITH NO DATA;


ALTER TABLE public.mv_realtime_revenue OWNER TO postgres;

--
-- Name: MATERIALIZED VIEW mv_realtime_revenue; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON MATERIALIZED VIEW public.mv_realtime_revenue IS 'RealtimeRevenueResponse per tenant: captured revenue, whether every posting is reconciled, data freshness at refresh time.';


--
-- Name: reconciliation_runs; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.reconciliation_runs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    state character varying(20) DEFAULT 'pending'::character varying NOT NULL,
    last_run_at timestamp with time zone DEFAULT now() NOT NULL,
    completed_at timestamp with time zone,
    error_message text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_reconciliation_runs_state_valid CHECK (((state)::text = ANY ((ARRAY['pending'::character varying, 'running'::character varying, 'completed'::character varying, 'failed'::character varying])::text[])))
);

ALTER TABLE ONLY public.reconciliation_runs FORCE ROW LEVEL SECURITY;


ALTER TABLE public.reconciliation_runs OWNER TO postgres;

--
-- Name: TABLE reconciliation_runs; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.reconciliation_runs IS 'One reconciliation of the revenue ledger against a payment platform. RLS: tenant_isolation_policy.';


--
-- Name: mv_reconciliation_status; Type: MATERIALIZED VIEW; Schema: public; Owner: postgres
--

CREATE MATERIALIZED VIEW public.mv_reconciliation_status AS
 SELECT DISTINCT ON (r.tenant_id) r.tenant_id,
    r.state,
    r.last_run_at
   FROM public.reconciliation_runs r
  ORDER BY r.tenant_id, r.last_run_at DESC
  WITH NO DATA;


ALTER TABLE public.mv_reconciliation_status OWNER TO postgres;

--
-- Name: MATERIALIZED VIEW mv_reconciliation_status; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON MATERIALIZED VIEW public.mv_reconciliation_status IS 'ReconciliationStatusResponse per tenant: state and time of the latest reconciliation run.';


--
-- Name: revenue_state_transitions; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.revenue_state_transitions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    ledger_id uuid NOT NULL,
    from_state character varying(50),
    to_state character varying(50) NOT NULL,
    reason text,
    transitioned_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_revenue_state_transitions_from_state_valid CHECK (((from_state)::text = ANY ((ARRAY['pending'::character varying, 'authorized'::character varying, 'captured'::character varying, 'refunded'::character varying, 'chargeback'::character varying])::text[]))),
    CONSTRAINT ck_revenue_state_transitions_to_state_valid CHECK (((to_state)::text = ANY ((ARRAY['pending'::character varying, 'authorized'::character varying, 'captured'::character varying, 'refunded'::character varying, 'chargeback'::character varying])::text[])))
);

ALTER TABLE ONLY public.revenue_state_transitions FORCE ROW LEVEL SECURITY;


ALTER TABLE public.revenue_state_transitions OWNER TO postgres;

--
-- Name: TABLE revenue_state_transitions; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.revenue_state_transitions IS 'Append-only history of revenue_ledger state changes (from_state → to_state). RLS: tenant_isolation_policy.';


--
-- Name: v_realtime_revenue; Type: VIEW; Schema: public; Owner: postgres
--

CREATE VIEW public.v_realtime_revenue WITH (security_barrier='true') AS
 SELECT mv_realtime_revenue.tenant_id,
    mv_realtime_revenue.total_revenue_cents,
    mv_realtime_revenue.verified,
    mv_realtime_revenue.data_freshness_seconds,
    mv_realtime_revenue.refreshed_at
   FROM public.mv_realtime_revenue
  WHERE (mv_realtime_revenue.tenant_id = (current_setting('app.current_tenant_id'::text))::uuid);


ALTER TABLE public.v_realtime_revenue OWNER TO postgres;

--
-- Name: VIEW v_realtime_revenue; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON VIEW public.v_realtime_revenue IS 'Tenant-scoped read of mv_realtime_revenue (same predicate as tenant_isolation_policy).';


--
-- Name: v_reconciliation_status; Type: VIEW; Schema: public; Owner: postgres
--

CREATE VIEW public.v_reconciliation_status WITH (security_barrier='true') AS
 SELECT mv_reconciliation_status.tenant_id,
    mv_reconciliation_status.state,
    mv_reconciliation_status.last_run_at
   FROM public.mv_reconciliation_status
  WHERE (mv_reconciliation_status.tenant_id = (current_setting('app.current_tenant_id'::text))::uuid);


ALTER TABLE public.v_reconciliation_status OWNER TO postgres;

--
-- Name: VIEW v_reconciliation_status; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON VIEW public.v_reconciliation_status IS 'Tenant-scoped read of mv_reconciliation_status (same predicate as tenant_isolation_policy).';


--
-- Name: attribution_allocations pk_attribution_allocations; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.attribution_allocations
    ADD CONSTRAINT pk_attribution_allocations PRIMARY KEY (id);


--
-- Name: attribution_events pk_attribution_events; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.attribution_events
    ADD CONSTRAINT pk_attribution_events PRIMARY KEY (id);


--
-- Name: channel_taxonomy pk_channel_taxonomy; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.channel_taxonomy
    ADD CONSTRAINT pk_channel_taxonomy PRIMARY KEY (code);


--
-- Name: dead_events pk_dead_events; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.dead_events
    ADD CONSTRAINT pk_dead_events PRIMARY KEY (id);


--
-- Name: reconciliation_runs pk_reconciliation_runs; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.reconciliation_runs
    ADD CONSTRAINT pk_reconciliation_runs PRIMARY KEY (id);


--
-- Name: revenue_ledger pk_revenue_ledger; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.revenue_ledger
    ADD CONSTRAINT pk_revenue_ledger PRIMARY KEY (id);


--
-- Name: revenue_state_transitions pk_revenue_state_transitions; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.revenue_state_transitions
    ADD CONSTRAINT pk_revenue_state_transitions PRIMARY KEY (id);


--
-- Name: tenants pk_tenants; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT pk_tenants PRIMARY KEY (id);


--
-- Name: idx_allocations_channel_code; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX idx_allocations_channel_code ON public.attribution_allocations USING btree (channel_code);


--
-- Name: idx_allocations_created_at; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX idx_allocations_created_at ON public.attribution_allocations USING btree (created_at);


--
-- Name: idx_allocations_tenant_id; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX idx_allocations_tenant_id ON public.attribution_allocations USING btree (tenant_id);


--
-- Name: idx_allocations_tenant_model_version; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX idx_allocations_tenant_model_version ON public.attribution_allocations USING btree (tenant_id, model_version);


--
-- Name: idx_attribution_allocations_tenant_event_model_channel; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX idx_attribution_allocations_tenant_event_model_channel ON public.attribution_allocations USING btree (tenant_id, event_id, model_version, channel_code) WHERE (model_version IS NOT NULL);


--
-- Name: idx_dead_events_remediation; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX idx_dead_events_remediation ON public.dead_events USING btree (remediation_status, created_at DESC);


--
-- Name: idx_dead_events_tenant_ingested_at; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX idx_dead_events_tenant_ingested_at ON public.dead_events USING btree (tenant_id, ingested_at DESC);


--
-- Name: idx_events_idempotency; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX idx_events_idempotency ON public.attribution_events USING btree (idempotency_key);


--
-- Name: idx_events_processing_status; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX idx_events_processing_status ON public.attribution_events USING btree (processing_status, processed_at) WHERE ((processing_status)::text = 'pending'::text);


--
-- Name: idx_events_tenant_correlation_id; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX idx_events_tenant_correlation_id ON public.attribution_events USING btree (tenant_id, correlation_id) WHERE ((external_event_id IS NULL) AND (correlation_id IS NOT NULL));


--
-- Name: idx_events_tenant_external_event_id; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX idx_events_tenant_external_event_id ON public.attribution_events USING btree (tenant_id, external_event_id) WHERE (external_event_id IS NOT NULL);


--
-- Name: idx_events_tenant_timestamp; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX idx_events_tenant_timestamp ON public.attribution_events USING btree (tenant_id, event_timestamp DESC);


--
-- Name: idx_mv_allocation_summary_key; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX idx_mv_allocation_summary_key ON public.mv_allocation_summary USING btree (tenant_id, event_id, model_version);


--
-- Name: idx_mv_realtime_revenue_tenant; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX idx_mv_realtime_revenue_tenant ON public.mv_realtime_revenue USING btree (tenant_id);


--
-- Name: idx_mv_reconciliation_status_tenant; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX idx_mv_reconciliation_status_tenant ON public.mv_reconciliation_status USING btree (tenant_id);


--
-- Name: idx_reconciliation_runs_tenant_last_run_at; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX idx_reconciliation_runs_tenant_last_run_at ON public.reconciliation_runs USING btree (tenant_id, last_run_at DESC);


--
-- Name: idx_revenue_ledger_tenant_allocation_id; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX idx_revenue_ledger_tenant_allocation_id ON public.revenue_ledger USING btree (tenant_id, allocation_id) WHERE (allocation_id IS NOT NULL);


--
-- Name: idx_revenue_ledger_tenant_posted_at; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX idx_revenue_ledger_tenant_posted_at ON public.revenue_ledger USING btree (tenant_id, posted_at DESC);


--
-- Name: idx_revenue_ledger_transaction_id; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX idx_revenue_ledger_transaction_id ON public.revenue_ledger USING btree (transaction_id);


--
-- Name: idx_revenue_state_transitions_ledger; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX idx_revenue_state_transitions_ledger ON public.revenue_state_transitions USING btree (ledger_id, transitioned_at DESC);


--
-- Name: idx_tenants_api_key_hash; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX idx_tenants_api_key_hash ON public.tenants USING btree (api_key_hash);


--
-- Name: attribution_allocations trg_check_allocation_sum; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE CONSTRAINT TRIGGER trg_check_allocation_sum AFTER INSERT OR DELETE OR UPDATE ON public.attribution_allocations DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.check_allocation_sum();


--
-- Name: attribution_allocations fk_attribution_allocations_channel_code; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.attribution_allocations
    ADD CONSTRAINT fk_attribution_allocations_channel_code FOREIGN KEY (channel_code) REFERENCES public.channel_taxonomy(code);


--
-- Name: attribution_allocations fk_attribution_allocations_event_id; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.attribution_allocations
    ADD CONSTRAINT fk_attribution_allocations_event_id FOREIGN KEY (event_id) REFERENCES public.attribution_events(id) ON DELETE CASCADE;


--
-- Name: attribution_allocations fk_attribution_allocations_tenant_id; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.attribution_allocations
    ADD CONSTRAINT fk_attribution_allocations_tenant_id FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;


--
-- Name: attribution_events fk_attribution_events_tenant_id; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.attribution_events
    ADD CONSTRAINT fk_attribution_events_tenant_id FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;


--
-- Name: dead_events fk_dead_events_tenant_id; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.dead_events
    ADD CONSTRAINT fk_dead_events_tenant_id FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;


--
-- Name: reconciliation_runs fk_reconciliation_runs_tenant_id; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.reconciliation_runs
    ADD CONSTRAINT fk_reconciliation_runs_tenant_id FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;


--
-- Name: revenue_ledger fk_revenue_ledger_allocation_id; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.revenue_ledger
    ADD CONSTRAINT fk_revenue_ledger_allocation_id FOREIGN KEY (allocation_id) REFERENCES public.attribution_allocations(id) ON DELETE CASCADE;


--
-- Name: revenue_ledger fk_revenue_ledger_reconciliation_run_id; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.revenue_ledger
    ADD CONSTRAINT fk_revenue_ledger_reconciliation_run_id FOREIGN KEY (reconciliation_run_id) REFERENCES public.reconciliation_runs(id) ON DELETE SET NULL;


--
-- Name: revenue_ledger fk_revenue_ledger_tenant_id; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.revenue_ledger
    ADD CONSTRAINT fk_revenue_ledger_tenant_id FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;


--
-- Name: revenue_state_transitions fk_revenue_state_transitions_ledger_id; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.revenue_state_transitions
    ADD CONSTRAINT fk_revenue_state_transitions_ledger_id FOREIGN KEY (ledger_id) REFERENCES public.revenue_ledger(id) ON DELETE CASCADE;


--
-- Name: revenue_state_transitions fk_revenue_state_transitions_tenant_id; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.revenue_state_transitions
    ADD CONSTRAINT fk_revenue_state_transitions_tenant_id FOREIGN KEY (tenant_id) REFERENCES public.tenants(id) ON DELETE CASCADE;


--
-- Name: attribution_allocations; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.attribution_allocations ENABLE ROW LEVEL SECURITY;

--
-- Name: attribution_events; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.attribution_events ENABLE ROW LEVEL SECURITY;

--
-- Name: dead_events; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.dead_events ENABLE ROW LEVEL SECURITY;

--
-- Name: reconciliation_runs; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.reconciliation_runs ENABLE ROW LEVEL SECURITY;

--
-- Name: revenue_ledger; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.revenue_ledger ENABLE ROW LEVEL SECURITY;

--
-- Name: revenue_state_transitions; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.revenue_state_transitions ENABLE ROW LEVEL SECURITY;

--
-- Name: attribution_allocations tenant_isolation_policy; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY tenant_isolation_policy ON public.attribution_allocations USING ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)) WITH CHECK ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid));


--
-- Name: attribution_events tenant_isolation_policy; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY tenant_isolation_policy ON public.attribution_events USING ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)) WITH CHECK ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid));


--
-- Name: dead_events tenant_isolation_policy; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY tenant_isolation_policy ON public.dead_events USING ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)) WITH CHECK ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid));


--
-- Name: reconciliation_runs tenant_isolation_policy; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY tenant_isolation_policy ON public.reconciliation_runs USING ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)) WITH CHECK ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid));


--
-- Name: revenue_ledger tenant_isolation_policy; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY tenant_isolation_policy ON public.revenue_ledger USING ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)) WITH CHECK ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid));


--
-- Name: revenue_state_transitions tenant_isolation_policy; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY tenant_isolation_policy ON public.revenue_state_transitions USING ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid)) WITH CHECK ((tenant_id = (current_setting('app.current_tenant_id'::text))::uuid));


--
-- Name: TABLE attribution_allocations; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.attribution_allocations TO app_rw;
GRANT SELECT ON TABLE public.attribution_allocations TO app_ro;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.attribution_allocations TO app_admin;


--
-- Name: TABLE attribution_events; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.attribution_events TO app_rw;
GRANT SELECT ON TABLE public.attribution_events TO app_ro;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.attribution_events TO app_admin;


--
-- Name: TABLE channel_taxonomy; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT ON TABLE public.channel_taxonomy TO app_rw;
GRANT SELECT ON TABLE public.channel_taxonomy TO app_ro;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.channel_taxonomy TO app_admin;


--
-- Name: TABLE dead_events; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.dead_events TO app_rw;
GRANT SELECT ON TABLE public.dead_events TO app_ro;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.dead_events TO app_admin;


--
-- Name: TABLE mv_allocation_summary; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT ON TABLE public.mv_allocation_summary TO app_admin;


--
-- Name: TABLE revenue_ledger; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT ON TABLE public.revenue_ledger TO app_rw;
GRANT SELECT ON TABLE public.revenue_ledger TO app_ro;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.revenue_ledger TO app_admin;


--
-- Name: TABLE tenants; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT ON TABLE public.tenants TO app_rw;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.tenants TO app_admin;


--
-- Name: TABLE mv_realtime_revenue; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT ON TABLE public.mv_realtime_revenue TO app_admin;


--
-- Name: TABLE reconciliation_runs; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.reconciliation_runs TO app_rw;
GRANT SELECT ON TABLE public.reconciliation_runs TO app_ro;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.reconciliation_runs TO app_admin;


--
-- Name: TABLE mv_reconciliation_status; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT ON TABLE public.mv_reconciliation_status TO app_admin;


--
-- Name: TABLE revenue_state_transitions; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.revenue_state_transitions TO app_rw;
GRANT SELECT ON TABLE public.revenue_state_transitions TO app_ro;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.revenue_state_transitions TO app_admin;


--
-- Name: TABLE v_realtime_revenue; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT ON TABLE public.v_realtime_revenue TO app_rw;
GRANT SELECT ON TABLE public.v_realtime_revenue TO app_ro;
GRANT SELECT ON TABLE public.v_realtime_revenue TO app_admin;


--
-- Name: TABLE v_reconciliation_status; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT ON TABLE public.v_reconciliation_status TO app_rw;
GRANT SELECT ON TABLE public.v_reconciliation_status TO app_ro;
GRANT SELECT ON TABLE public.v_reconciliation_status TO app_admin;


--
-- PostgreSQL database dump complete
--

\unrestrict vKLATdixMHu0oLDBRbeQE9iTPPsBH8bJcX3SH4asxspcW6WLO3e7uwaegLnDeud

