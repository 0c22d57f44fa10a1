import { describe, expect, it } from 'vitest';
import { emptyRules } from '../../src/core/synth/checks';
import { generateValue, isVolatileDefault, pinnedTime, stableUuid, SYNTH_EPOCH } from '../../src/core/synth/values';
import { wallClockRows } from '../../src/core/rls/context';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deterministic values for volatile defaults', () => {
  it('recognises the volatile defaults Postgres prints, not constants or sequences', () => {
    for (const d of ['gen_random_uuid()', 'now()', 'CURRENT_TIMESTAMP', "(now() AT TIME ZONE 'utc'::text)", 'clock_timestamp()', 'CURRENT_DATE',
      'public.uuid_generate_v4()', "(now() + '1 day'::interval)", 'random()', 'LOCALTIMESTAMP', 'uuidv7()']) {
      expect(isVolatileDefault(d), d).toBe(true);
    }
    for (const d of [null, "'pending'::character varying", '0', "nextval('public.t_id_seq'::regclass)", "'{}'::jsonb", 'false', "'now'::text"]) {
      expect(isVolatileDefault(d), String(d)).toBe(false);
    }
  });

  it('stableUuid: v4-shaped, the same for the same key, different for different keys', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `public.t.id|'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'|${i}`);
    const ids = keys.map(stableUuid);
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(keys.length);
    expect(stableUuid('public.t.id||1')).toBe(stableUuid('public.t.id||1'));
    expect(stableUuid('public.t.id||1')).not.toBe(stableUuid('public.u.id||1'));
    // Pinned: changing the hash changes every report's synthesised ids; make that deliberate.
    expect(stableUuid('')).toBe('027ae52e-cfc7-4621-9593-990d4b41437c');
    expect(stableUuid('public.tenants.id||1')).toBe('8dca2527-d147-458a-9cb1-3eb20ca99c9d');
  });

  it('pinnedTime: one instant for every date/time type, counted from the fixed epoch', () => {
    expect(new Date(SYNTH_EPOCH).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(pinnedTime('timestamp with time zone', 61)).toBe("'2025-01-01T00:01:01.000Z'");
    expect(pinnedTime('timestamp(3) without time zone', 61)).toBe("'2025-01-01T00:01:01.000Z'");
    expect(pinnedTime('date', 61)).toBe("'2025-01-01'");
    expect(pinnedTime('time without time zone', 61)).toBe("'00:01:01'");
    expect(pinnedTime('integer', 61)).toBeNull();
    // generateValue never reads the clock either.
    expect(generateValue('timestamptz', emptyRules(), 5)).toBe("'2025-01-01T00:00:05.000Z'");
  });
});

describe('wallClockRows', () => {
  it('timestamp without time zone comes out the same whatever the host time zone', () => {
    const saved = process.env.TZ;
    const seen: unknown[] = [];
    try {
      for (const tz of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        // What PGlite does with `2025-01-01 00:00:05` (type 1114): new Date(text), in the host zone.
        const rows = [{ ts: new Date('2025-01-01 00:00:05'), tstz: new Date('2025-01-01T00:00:05Z'), arr: [new Date('2025-03-01 12:00:00')], n: 1 }];
        const fields = [{ name: 'ts', dataTypeID: 1114 }, { name: 'tstz', dataTypeID: 1184 }, { name: 'arr', dataTypeID: 1115 }, { name: 'n', dataTypeID: 23 }];
        const [r] = wallClockRows(rows, fields);
        expect(r.ts).toBe('2025-01-01T00:00:05.000');
        expect(r.arr).toEqual(['2025-03-01T12:00:00.000']);
        expect(r.tstz).toBeInstanceOf(Date);
        seen.push(JSON.stringify({ ...r, tstz: (r.tstz as Date).toISOString() }));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(new Set(seen).size).toBe(1);
  });
});
