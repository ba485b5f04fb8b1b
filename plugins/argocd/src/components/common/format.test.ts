import { relativeTime, shortRevision } from './format';

describe('relativeTime', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');

  it.each([
    ['2026-11-19T10:00:00Z', '3 days ago'],
    ['2026-11-21T11:00:00Z', 'yesterday'],
    ['2026-11-22T09:30:00Z', '2 hours ago'],
    ['2026-11-22T11:55:00Z', '5 minutes ago'],
    ['2026-11-22T11:59:40Z', 'just now'],
    ['2026-09-01T12:00:00Z', '3 months ago'],
    ['2026-11-22T14:00:00Z', 'in 2 hours'],
    // Rounded, not truncated: 1.75 days back is "2 days ago", not "yesterday".
    ['2026-11-20T18:00:00Z', '2 days ago'],
  ])('%s is "%s"', (iso, expected) => {
    expect(relativeTime(iso, now)).toBe(expected);
  });

  it('has nothing to say about a missing or broken date', () => {
    expect(relativeTime(undefined, now)).toBeUndefined();
    expect(relativeTime('not a date', now)).toBeUndefined();
  });
});

describe('shortRevision', () => {
  it('shortens commit SHAs only', () => {
    expect(shortRevision('a1b2c3d4e5f60718293a4b5c6d7e8f9012345678')).toBe(
      'a1b2c3d',
    );
    expect(shortRevision('v1.2.3')).toBe('v1.2.3');
  });
});
