import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { smokeForOverlay } from '../../src/adapters/browser/smoke-choice';

const bundled = readFileSync('schema/canonical_schema.yaml', 'utf8');
const smoke = [{ name: 'schema/smoke/a.yaml', yaml: 'x' }];

describe('which smoke tests the browser engine runs', () => {
  it('the bundled overlay gets Skeldir\'s smoke tests', () => {
    expect(smokeForOverlay({ text: bundled }, bundled, smoke)).toEqual(smoke);
  });
  it('an edited overlay under the bundled name gets none', () => {
    expect(smokeForOverlay({ text: bundled + '\n# edited\n' }, bundled, smoke)).toEqual([]);
  });
  it('no overlay gets none', () => {
    expect(smokeForOverlay(null, bundled, smoke)).toEqual([]);
  });
});
