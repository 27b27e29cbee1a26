import { describe, expect, it } from 'vitest';
import { hrefOf, parseLocation } from '../src/router.js';
import { pickPeriod } from '../src/period.js';

const P = { year: 2017, month: 9 };
const NONE = { year: null, month: null };

describe('the summary router', () => {
  it.each([
    ['/summary/', '', { page: 'overview', subject: {} }],
    ['/summary/don-vi', '', { page: 'units' }],
    ['/summary/don-vi/HN-BDI', '', { page: 'overview', subject: { unit: 'HN-BDI' } }],
    [
      '/summary/don-vi/HN',
      '?pham-vi=rieng',
      { page: 'overview', subject: { unit: 'HN', scope: 'own' } },
    ],
    [
      '/summary/don-vi/HN-BDI/chv/BDI-1',
      '',
      { page: 'overview', subject: { unit: 'HN-BDI', officer: 'BDI-1' } },
    ],
    [
      '/summary/xu-huong',
      '?don-vi=HN-BDI&chv=BDI-2',
      { page: 'trends', subject: { unit: 'HN-BDI', officer: 'BDI-2' } },
    ],
    ['/summary/xu-huong', '', { page: 'trends', subject: {} }],
    ['/summary/bao-cao', '', { page: 'report' }],
    ['/summary/mot/duong/dan', '', { page: 'not-found' }],
  ])('reads %s%s', (path, search, route) => {
    expect(parseLocation(path, search).route).toEqual(route);
  });

  it('reads the period from the query string, and ignores what is not a number', () => {
    expect(parseLocation('/summary/', '?nam=2017&thang=9').period).toEqual(P);
    expect(parseLocation('/summary/', '?nam=abc').period).toEqual(NONE);
  });

  it('writes links that read back as the same page and period', () => {
    const routes = [
      { page: 'overview', subject: {} },
      { page: 'overview', subject: { unit: 'HN', scope: 'own' } },
      { page: 'overview', subject: { unit: 'HN-BDI', officer: 'BDI-1' } },
      { page: 'units' },
      { page: 'trends', subject: { unit: 'HN', scope: 'own' } },
      { page: 'report' },
    ] as const;
    for (const route of routes) {
      const url = new URL(hrefOf(route, P), 'http://localhost');
      expect(parseLocation(url.pathname, url.search)).toEqual({ route, period: P });
    }
    expect(hrefOf({ page: 'overview', subject: { unit: 'HN-BDI' } }, P)).toBe(
      '/summary/don-vi/HN-BDI?nam=2017&thang=9',
    );
    expect(hrefOf({ page: 'units' }, NONE)).toBe('/summary/don-vi');
  });

  it('opens on the latest month with data unless the URL names a period', () => {
    const range = { latest: { year: 2018, month: 1 }, earliestYear: 2015 };
    const at = (search: string) => pickPeriod(parseLocation('/summary/', search), range);
    expect(at('')).toEqual({ year: 2018, month: 1 });
    expect(at('?nam=2017&thang=9')).toEqual(P);
    expect(at('?nam=2017')).toEqual({ year: 2017, month: 12 });
    expect(at('?nam=2018')).toEqual({ year: 2018, month: 1 });
    expect(at('?nam=2017&thang=40')).toEqual({ year: 2017, month: 12 });
  });
});
