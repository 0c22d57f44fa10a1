import { describe, expect, it } from 'vitest';
import { definitionIndex, statementHead } from '../../src/core/load/locate';

const DUMP = `--
-- Name: t; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Order" (
    id integer NOT NULL,
    "Label" text,
    CONSTRAINT ck CHECK ((id > 0))
);

CREATE TABLE public.one_line (id integer);
CREATE VIEW public.v AS
 SELECT 1 AS one;

ALTER TABLE ONLY public."Order"
    ADD CONSTRAINT "Order_pkey" PRIMARY KEY (id);
ALTER TABLE public."Order" ENABLE ROW LEVEL SECURITY;
CREATE INDEX idx_label ON public."Order" USING btree ("Label");
CREATE POLICY p ON public."Order" USING (true);
CREATE TRIGGER trg BEFORE INSERT ON public."Order" FOR EACH ROW EXECUTE FUNCTION public.f();
CREATE FUNCTION public.f() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN
CREATE TABLE inside_a_body (x int);
RETURN NEW; END $$;
`;

describe('definitionIndex (statements from the splitter, read by their heads)', () => {
  it('locates every definition of a pg_dump at its line', () => {
    const idx = definitionIndex(DUMP);
    expect(Object.fromEntries(idx)).toEqual({
      'table|public.Order': 5, 'column|public.Order.id': 6, 'column|public.Order.Label': 7,
      'table|public.one_line': 11,
      'view|public.v': 12, 'materialized_view|public.v': 12,
      'constraint|public.Order.Order_pkey': 16,
      'rls|public.Order': 17,
      'index|public.Order.idx_label': 18,
      'policy|public.Order.p': 19,
      'trigger|public.Order.trg': 20,
      'function|public.f': 21,
    });
  });

  it('reads hand-written SQL (any case and spacing, unqualified names, constraints over several lines)', () => {
    const idx = definitionIndex(`create table if not exists Items (
  id   bigint primary key,
  tenant_id uuid not null,
  constraint fk foreign key (tenant_id)
      references tenants (id),
  check (id > 0)
);
create unique index   items_tenant on items (tenant_id);`);
    expect(Object.fromEntries(idx)).toEqual({
      'table|public.items': 1, 'column|public.items.id': 2, 'column|public.items.tenant_id': 3,
      'index|public.items.items_tenant': 8,
    });
  });

  it('reads statement heads', () => {
    expect(statementHead('ALTER TABLE ONLY public.t\n    ADD CONSTRAINT c UNIQUE (a);')).toMatchObject({ kind: 'add_constraint', table: 'public.t', name: 'c', at: 30 });
    expect(statementHead('GRANT SELECT ON TABLE public.t TO app;')).toMatchObject({ kind: 'grant', table: 'public.t' });
    expect(statementHead('CREATE OR REPLACE FUNCTION s.f(a int) RETURNS int')).toMatchObject({ kind: 'function', name: 's.f' });
    expect(statementHead('SELECT 1')).toMatchObject({ kind: 'other' });
  });
});
